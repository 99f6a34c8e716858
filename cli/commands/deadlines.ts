import { ApiError } from '../../shared/api/errors';
import { formatLongDate, isIsoDate } from '../../shared/dates';
import {
  COMPLIANCE_ORDER_KINDS,
  TRIBUNAL_SET_KINDS,
  type Deadline,
  type DeadlineList,
} from '../../shared/deadlines';
import {
  EXIT_OK,
  parseCaseId,
  parseCommandArgs,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  type Command,
} from '../io';

const USAGE = `Usage:
  send-bundle deadlines ID [--today YYYY-MM-DD] [--json]
      every deadline in case ID: due date, status, working days left, the rule and its source
  send-bundle deadlines set ID KIND YYYY-MM-DD|none
      enter (or clear) a date from the tribunal's letter; KIND is one of
      ${TRIBUNAL_SET_KINDS.join(', ')}, commissioner-response:N (N = recommendation id), or
      la-compliance:N:STEP (a date the tribunal directed for a step of order N; it replaces the regulation period)
  send-bundle deadlines done ID DEADLINE [YYYY-MM-DD|none]
      mark a deadline done (today if no date; "none" to undo); DEADLINE is its id from the list
  send-bundle deadlines order ID --kind KIND --date YYYY-MM-DD [--notes TEXT]
      record a tribunal order (or the LA's notice in an unopposed appeal) to see the LA's compliance dates
  send-bundle deadlines orders ID
      list the recorded orders

Order kinds:
${COMPLIANCE_ORDER_KINDS.map((k) => `  ${k.id.padEnd(26)}${k.label}${k.hint ? `\n  ${''.padEnd(26)}${k.hint}` : ''}`).join('\n')}`;

function dateOrNone(value: string | undefined, what: string): string | null {
  if (value === undefined) throw new UsageError(`Give ${what} as YYYY-MM-DD, or "none".`);
  if (value === 'none') return null;
  const given = value; // isIsoDate narrows `value` to never when it fails; the message shows what was given.
  if (!isIsoDate(value))
    throw new ApiError(
      'invalid-input',
      `"${given}" is not a date. Use the form YYYY-MM-DD, for example 2026-03-31.`,
    );
  return value;
}

/** The status in brackets after the date: "[OVERDUE, 3 working days ago]", "[done on 16 February 2026]". */
function statusText(d: Deadline): string {
  switch (d.status) {
    case 'done':
      if (d.doneDate) return `done on ${formatLongDate(d.doneDate)}`;
      return d.kind === 'hearing' ? 'held' : 'done';
    case 'overtaken':
      return 'not marked as done; the hearing has been held';
    case 'due-soon':
      return `DUE SOON, ${daysText(d)}`;
    case 'overdue':
      return `OVERDUE, ${daysText(d)}`;
    case 'upcoming':
      return `upcoming, ${daysText(d)}`;
  }
}

function daysText(d: Deadline): string {
  const n = d.workingDaysLeft;
  if (n < 0) return `${-n} working day${n === -1 ? '' : 's'} ago`;
  if (n === 0) return d.cutOff ? `today (by ${d.cutOff})` : 'today';
  return `${n} working day${n === 1 ? '' : 's'} left`;
}

/** The JSON shape: the brief's fields first, then the rest. */
function jsonDeadline(d: Deadline) {
  return {
    kind: d.kind,
    due: d.due,
    rule: d.rule,
    source: d.source,
    status: d.status,
    workingDaysLeft: d.workingDaysLeft,
    label: d.label,
    id: d.id,
    who: d.who,
    basis: d.basis,
    doneDate: d.doneDate,
    ...(d.cutOff ? { cutOff: d.cutOff } : {}),
    ...(d.warning ? { warning: d.warning } : {}),
    ...(d.recommendationId !== undefined ? { recommendationId: d.recommendationId } : {}),
    ...(d.orderId !== undefined ? { orderId: d.orderId } : {}),
  };
}

function printList(io: CliIO, list: DeadlineList, json: boolean): void {
  if (json) {
    printJson(io, list.deadlines.map(jsonDeadline));
    for (const note of list.notes) io.err(`Note: ${note.message}`);
    return;
  }
  io.out(`Deadlines on ${formatLongDate(list.today, { weekday: true })}:`);
  if (list.deadlines.length === 0) io.out('  None yet.');
  for (const d of list.deadlines) {
    const estimate = d.basis === 'estimate' ? ' (estimate)' : '';
    io.out('');
    io.out(
      `${formatLongDate(d.due, { weekday: true })}${d.cutOff ? ` by ${d.cutOff}` : ''}${estimate}  [${statusText(d)}]`,
    );
    io.out(`  ${d.label}   (id: ${d.id})`);
    if (d.warning) io.out(`  Warning: ${d.warning}`);
    io.out(`  Rule: ${d.rule}`);
    io.out(`  Source: ${d.source}`);
  }
  if (list.notes.length) {
    io.out('');
    for (const note of list.notes) io.out(`Note: ${note.message}`);
  }
}

export const deadlinesCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const [first, ...rest] = args;
    if (first === undefined) throw new UsageError('deadlines needs a case number.');
    if (/^\d+$/.test(first)) {
      const { values } = parseCommandArgs(rest, { today: { type: 'string' } }, false);
      const today =
        values.today === undefined ? undefined : (dateOrNone(values.today, '--today') ?? undefined);
      const caseId = parseCaseId(first);
      const list = await withApi(globals, (api) => api.call('deadlines.list', { caseId, today }));
      printList(io, list, globals.json);
      return EXIT_OK;
    }
    switch (first) {
      case 'set': {
        const { positionals } = parseCommandArgs(rest, {});
        const [caseArg, kind, date] = positionals;
        if (!kind) throw new UsageError('deadlines set needs ID KIND DATE.');
        const caseId = parseCaseId(caseArg);
        const dueDate = dateOrNone(date, 'the date');
        const list = await withApi(globals, (api) => api.call('caseDates.set', { caseId, kind, dueDate }));
        printList(io, list, globals.json);
        return EXIT_OK;
      }
      case 'done': {
        const { positionals } = parseCommandArgs(rest, {});
        const [caseArg, id, date] = positionals;
        if (!id) throw new UsageError('deadlines done needs ID DEADLINE [DATE].');
        const caseId = parseCaseId(caseArg);
        const list = await withApi(globals, async (api) => {
          const doneDate =
            date === undefined
              ? (await api.call('deadlines.list', { caseId })).today
              : dateOrNone(date, 'the date');
          return api.call('caseDates.markDone', { caseId, id, doneDate });
        });
        printList(io, list, globals.json);
        return EXIT_OK;
      }
      case 'order': {
        const { values, positionals } = parseCommandArgs(rest, {
          kind: { type: 'string' },
          date: { type: 'string' },
          notes: { type: 'string' },
        });
        if (!values.kind || !values.date) throw new UsageError('deadlines order needs --kind and --date.');
        const caseId = parseCaseId(positionals[0]);
        const fields = {
          kind: values.kind,
          orderDate: dateOrNone(values.date, '--date') ?? '',
          notes: values.notes ?? null,
        };
        const order = await withApi(globals, (api) => api.call('orders.save', { caseId, fields }));
        if (globals.json) printJson(io, order);
        else io.out(String(order.id));
        return EXIT_OK;
      }
      case 'orders': {
        const { positionals } = parseCommandArgs(rest, {});
        const caseId = parseCaseId(positionals[0]);
        const orders = await withApi(globals, (api) => api.call('orders.list', { caseId }));
        if (globals.json) printJson(io, orders);
        else if (orders.length === 0) io.out('No orders recorded.');
        else
          for (const o of orders)
            io.out(`${o.id}\t${o.orderDate}\t${o.kind}${o.notes ? `\t${o.notes}` : ''}`);
        return EXIT_OK;
      }
      default:
        throw new UsageError(`Unknown deadlines command "${first}".`);
    }
  },
};
