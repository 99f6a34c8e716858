import { PAGE_ALLOWANCE_BASES, type PageAllowance } from '../../shared/domain/caseRecords';
import {
  checkDateOption,
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
  send-bundle allowance add ID --part PART --pages N --date YYYY-MM-DD --basis permission|direction [--notes TEXT]
      record extra pages the tribunal allowed for one part of the bundle (its permission on a SEND7
      request, or its own direction); the page meters and the bundle use it instead of the usual limit
  send-bundle allowance list ID
  send-bundle allowance remove ID --part PART

Parts: the part ids of the case's rule pack, for example appellant-evidence, la-evidence,
claimant-evidence, responsible-body-evidence, core, plan, working-document, supplementary.`;

function printAllowance(io: CliIO, a: PageAllowance): void {
  io.out(`${a.partId}\t${a.pages} pages\t${a.basis} of ${a.grantedDate}${a.notes ? `\t${a.notes}` : ''}`);
}

export const allowanceCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'add': {
        const { values, positionals } = parseCommandArgs(rest, {
          part: { type: 'string' },
          pages: { type: 'string' },
          date: { type: 'string' },
          basis: { type: 'string' },
          notes: { type: 'string' },
        });
        const caseId = parseCaseId(positionals[0]);
        const missing = (['part', 'pages', 'date', 'basis'] as const).filter((k) => !values[k]);
        if (missing.length)
          throw new UsageError(`allowance add needs ${missing.map((m) => `--${m}`).join(', ')}.`);
        if (!(PAGE_ALLOWANCE_BASES as readonly string[]).includes(values.basis!))
          throw new UsageError('--basis must be permission or direction.');
        if (!/^\d+$/.test(values.pages!)) throw new UsageError('--pages must be a whole number.');
        checkDateOption(values.date, '--date');
        const saved = await withApi(globals, (api) =>
          api.call('allowances.save', {
            caseId,
            fields: {
              partId: values.part!,
              pages: Number(values.pages),
              grantedDate: values.date!,
              basis: values.basis as PageAllowance['basis'],
              notes: values.notes ?? null,
            },
          }),
        );
        if (globals.json) printJson(io, saved);
        else printAllowance(io, saved);
        return EXIT_OK;
      }
      case 'list': {
        const { positionals } = parseCommandArgs(rest, {});
        const list = await withApi(globals, (api) =>
          api.call('allowances.list', { caseId: parseCaseId(positionals[0]) }),
        );
        if (globals.json) printJson(io, list);
        else if (list.length === 0) io.out('No extra pages recorded.');
        else list.forEach((a) => printAllowance(io, a));
        return EXIT_OK;
      }
      case 'remove': {
        const { values, positionals } = parseCommandArgs(rest, { part: { type: 'string' } });
        if (!values.part) throw new UsageError('allowance remove needs --part.');
        const removed = await withApi(globals, (api) =>
          api.call('allowances.remove', { caseId: parseCaseId(positionals[0]), partId: values.part! }),
        );
        if (globals.json) printJson(io, removed);
        return EXIT_OK;
      }
      default:
        throw new UsageError(
          sub ? `Unknown allowance command "${sub}".` : 'allowance needs a command: add, list or remove.',
        );
    }
  },
};
