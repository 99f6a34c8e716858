/**
 * The tribunal's decision in a SEND appeal: what it ordered the LA to do (or what the LA agreed when it
 * told the tribunal it would not oppose the appeal, or in mediation), and the time the SEND Regulations
 * 2014 give the LA for each step, or the date the tribunal directed instead. The periods and their
 * sources are the deadlines service's (shared/deadlines/rules.ts); this screen records and shows them.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import type { CaseScreenProps } from '../../appState';
import { formatDate } from '../../copy';
import { DateInput } from '../../components/DateInput';
import { DeadlineTable, markDoneWith } from '../../components/Deadlines';
import { Select } from '../../components/Form';
import { Page } from '../../components/Page';
import { RecordEditor, type RecordField } from '../../components/RecordEditor';
import { useAction, type Action } from '../../hooks/useAction';
import { useCaseList } from '../../hooks/useCaseList';
import { useLoad } from '../../hooks/useLoad';
import {
  EMPTY_DATE_ENTRY,
  dateEntryFromIso,
  readDateEntry,
  type DateEntry,
} from '../../../shared/dates/entry';
import {
  complianceOrderKind,
  orderKindsFor,
  type Deadline,
  type DeadlineList,
} from '../../../shared/deadlines';
import { TribunalOrderFields, type TribunalOrder } from '../../../shared/domain/caseRecords';
import { textLimitsOf } from '../../fieldChecks';
import type { UserRole } from '../../../shared/domain/case';

interface OrderForm {
  kind: string;
  orderDate: DateEntry;
  notes: string;
}

/** What the LA's time runs from, as the date question and the card name it. */
function dateLabel(kindId: string): string {
  switch (complianceOrderKind(kindId)?.from) {
    case 'notice':
      return 'Date the LA told the tribunal it would not oppose the appeal';
    case 'agreement':
      return 'Date of the mediation agreement';
    default:
      return 'Date of the tribunal’s order';
  }
}

function kindLabel(kindId: string): string {
  return complianceOrderKind(kindId)?.label ?? kindId;
}

function introFor(role: UserRole): string {
  if (role === 'la')
    return (
      'When the tribunal orders you to do something, or you tell it you will not oppose the appeal, the SEND ' +
      'Regulations 2014 give you a fixed time for each step: for example 5 weeks to issue an amended plan. ' +
      'Record the decision here to see your dates. They also show on the Overview.'
    );
  if (role === 'parent')
    return (
      'When the tribunal orders the local authority (LA) to do something, or the LA tells the tribunal it will ' +
      'not oppose your appeal, the law gives the LA a fixed time for each step: for example 5 weeks to issue ' +
      'the amended plan. Record the decision here to see when the LA must act.'
    );
  return (
    'When the tribunal orders the local authority (LA) to do something, or the LA tells the tribunal it will ' +
    'not oppose the appeal, the SEND Regulations 2014 give the LA a fixed time for each step. Record the ' +
    'decision here to see the dates.'
  );
}

/** A date the tribunal directed for one of an order's steps, which replaces the regulation's period. */
function DirectedDate(props: {
  caseId: number;
  orderId: number;
  steps: Deadline[];
  action: Action;
  onSaved: () => void;
}) {
  const [stepId, setStepId] = useState(props.steps[0]?.id ?? '');
  const [date, setDate] = useState<DateEntry>(EMPTY_DATE_ENTRY);
  const [error, setError] = useState<string | null>(null);
  const directed = props.steps.filter((d) => d.basis === 'tribunal');
  const idPrefix = `directed-${props.orderId}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    const read = readDateEntry(date, { what: 'the date the tribunal set', required: true });
    if (!read.ok) {
      setError(read.message);
      return;
    }
    setError(null);
    const step = props.steps.find((d) => d.id === stepId);
    const saved = await props.action.run(
      () => call('caseDates.set', { caseId: props.caseId, kind: stepId, dueDate: read.iso }),
      { announce: `Saved ${formatDate(read.iso)} for “${step?.label ?? stepId}”.` },
    );
    if (saved) {
      setDate(EMPTY_DATE_ENTRY);
      props.onSaved();
    }
  }

  async function clear(step: Deadline) {
    const saved = await props.action.run(
      () => call('caseDates.set', { caseId: props.caseId, kind: step.id, dueDate: null }),
      { announce: `“${step.label}” is due by the regulation’s period again.` },
    );
    if (saved) props.onSaved();
  }

  return (
    <details>
      <summary>The tribunal set its own date for a step</summary>
      <p className="hint">A date the tribunal directs replaces the regulation’s period.</p>
      {directed.map((d) => (
        <p key={d.id}>
          <button type="button" className="button button-secondary button-small" onClick={() => clear(d)}>
            Use the regulation’s period for “{d.label}”
          </button>
        </p>
      ))}
      <form onSubmit={save} aria-label="A date the tribunal set" noValidate>
        <Select
          id={`${idPrefix}-step`}
          label="Which step?"
          value={stepId}
          options={props.steps.map((d) => ({ value: d.id, label: d.label }))}
          onChange={setStepId}
        />
        <DateInput
          id={`${idPrefix}-date`}
          label="The date the tribunal set"
          error={error}
          value={date}
          onChange={setDate}
        />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={props.action.busy}>
            Save the date
          </button>
        </div>
      </form>
    </details>
  );
}

export function DecisionScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const role = props.app.role ?? c.role;
  const orders = useCaseList('orders.list', c.id);
  const deadlines = useLoad(() => call('deadlines.list', { caseId: c.id }), [c.id, orders.data]);
  const action = useAction();
  const kinds = orderKindsFor(c.appealType);

  /** The order's steps, each named by its step alone (the card is the order's). */
  const stepsOf = (order: TribunalOrder): DeadlineList | undefined => {
    if (!deadlines.data) return undefined;
    const kind = complianceOrderKind(order.kind);
    const stepLabel = (d: Deadline) =>
      kind?.steps.find((s) => d.id === `la-compliance:${order.id}:${s.step}`)?.label ?? d.label;
    return {
      today: deadlines.data.today,
      deadlines: deadlines.data.deadlines
        .filter((d) => d.orderId === order.id)
        .map((d) => ({ ...d, label: stepLabel(d) })),
      notes: [],
    };
  };
  const notes = deadlines.data?.notes.filter((n) => n.kind === 'la-compliance') ?? [];

  const markDone = markDoneWith(c.id, deadlines, action);

  const fields: RecordField<OrderForm>[] = [
    {
      kind: 'select',
      name: 'kind',
      label: 'What was decided?',
      hint: (f) => complianceOrderKind(f.kind)?.hint,
      options: (f) => [
        { value: '', label: 'Choose one' },
        ...kinds.map((k) => ({ value: k.id, label: k.label })),
        // An order recorded before (or from the command line) under a kind not offered for this appeal.
        ...(f.kind && !kinds.some((k) => k.id === f.kind)
          ? [{ value: f.kind, label: kindLabel(f.kind) }]
          : []),
      ],
      required: 'Choose what was decided',
    },
    {
      kind: 'date',
      name: 'orderDate',
      label: (f) => dateLabel(f.kind),
      hint: 'The LA’s time runs from this date.',
      what: 'the date',
      required: true,
    },
    {
      kind: 'textarea',
      name: 'notes',
      label: 'Notes (optional)',
      hint: 'For example the words of the order, or its reference.',
    },
  ];

  if (kinds.length === 0)
    return (
      <Page title="Tribunal’s decision">
        <p>
          The SEND Regulations’ periods for acting on the tribunal’s orders apply to appeals about special
          educational needs, not to disability discrimination claims. The tribunal’s decision in a claim says
          what must be done, and by when.
        </p>
      </Page>
    );

  return (
    <Page title="Tribunal’s decision">
      <p>{introFor(role)}</p>
      {notes.length > 0 ? (
        <ul>
          {notes.map((n) => (
            <li key={n.message}>{n.message}</li>
          ))}
        </ul>
      ) : null}
      <RecordEditor<TribunalOrder, OrderForm, TribunalOrderFields>
        noun="decision"
        limits={textLimitsOf(TribunalOrderFields)}
        items={orders.data}
        loadError={orders.error ?? deadlines.error}
        action={action}
        empty="No decision recorded yet."
        describe={(o) => `the decision of ${formatDate(o.orderDate)}`}
        display={{
          kind: 'cards',
          heading: (o) => kindLabel(o.kind),
          rows: (o) => [
            { label: dateLabel(o.kind), value: formatDate(o.orderDate, { weekday: true }) },
            ...(o.notes ? [{ label: 'Notes', value: o.notes }] : []),
          ],
        }}
        extra={(o) => {
          const steps = stepsOf(o);
          if (!steps) return <p role="status">Loading…</p>;
          return (
            <>
              <DeadlineTable list={steps} caption="What the LA must do, and by when" onMarkDone={markDone} />
              {/* A mediation agreement is the parties' own: no tribunal direction replaces its period. */}
              {steps.deadlines.length > 0 && complianceOrderKind(o.kind)?.from !== 'agreement' ? (
                <DirectedDate
                  caseId={c.id}
                  orderId={o.id}
                  steps={steps.deadlines}
                  action={action}
                  onSaved={deadlines.reload}
                />
              ) : null}
            </>
          );
        }}
        fields={fields}
        toForm={(o) => ({
          kind: o?.kind ?? '',
          orderDate: dateEntryFromIso(o?.orderDate),
          notes: o?.notes ?? '',
        })}
        toFields={(f, date) => ({
          kind: f.kind,
          orderDate: date('orderDate') ?? '',
          notes: f.notes.trim() || null,
        })}
        save={async (id, fields) => {
          const saved = await call('orders.save', { caseId: c.id, orderId: id ?? undefined, fields });
          orders.reload();
          return saved;
        }}
        remove={async (o) => {
          await call('orders.remove', { caseId: c.id, orderId: o.id });
          orders.reload();
        }}
      />
    </Page>
  );
}
