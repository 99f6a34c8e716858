/** Deadlines as the deadlines service works them out: what, who, when, and how the date was found. */
import { call } from '../api';
import { DEADLINE_WHO, formatDate, plural } from '../copy';
import type { Action } from '../hooks/useAction';
import type { Loaded } from '../hooks/useLoad';
import { isOpenDeadline, type Deadline, type DeadlineList } from '../../shared/deadlines';

/**
 * The table's "Mark as done" / "Not done yet": saves the step done today (the deadlines service's today)
 * or not done, says so, and loads the deadlines again.
 */
export function markDoneWith(caseId: number, deadlines: Loaded<DeadlineList>, action: Action) {
  return async (d: Deadline, done: boolean) => {
    const saved = await action.run(
      () =>
        call('caseDates.markDone', {
          caseId,
          id: d.id,
          doneDate: done ? (deadlines.data?.today ?? null) : null,
        }),
      { announce: done ? `Marked “${d.label}” as done.` : `“${d.label}” is not done yet.` },
    );
    if (saved) deadlines.reload();
  };
}

export function whenText(d: Deadline): string {
  if (d.status === 'done') {
    if (d.doneDate) return `Done on ${formatDate(d.doneDate)}`;
    return d.kind === 'hearing' ? 'Held' : 'Done';
  }
  if (d.status === 'overtaken') return 'Not marked as done; the hearing has been held';
  if (d.workingDaysLeft < 0) return `Passed ${plural(-d.workingDaysLeft, 'working day')} ago`;
  if (d.workingDaysLeft === 0) return d.cutOff ? `Due today, by ${d.cutOff}` : 'Due today';
  return `${plural(d.workingDaysLeft, 'working day')} left`;
}

/** The first deadline not yet done, soonest first. */
export function nextDeadline(list: DeadlineList | undefined): Deadline | undefined {
  return list?.deadlines
    .filter(isOpenDeadline)
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))[0];
}

export function DeadlineTable(props: {
  list: DeadlineList;
  caption: string;
  onMarkDone?: (d: Deadline, done: boolean) => void;
}) {
  const rows = [...props.list.deadlines].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return (
    <>
      {rows.length === 0 ? <p>No deadlines yet.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="deadlines">
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">What has to happen</th>
                <th scope="col">Who</th>
                <th scope="col">Last day</th>
                {props.onMarkDone ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-deadline={d.id} data-status={d.status}>
                  <td>
                    {d.label}
                    {d.basis === 'estimate' ? <span className="tag">Estimate</span> : null}
                    <details>
                      <summary>How this date was worked out</summary>
                      {d.warning ? <p className="field-warning">{d.warning}</p> : null}
                      <p>{d.rule}</p>
                      <p className="muted">Source: {d.source}</p>
                    </details>
                  </td>
                  <td>{DEADLINE_WHO[d.who]}</td>
                  <td>
                    {formatDate(d.due, { weekday: true })}
                    {d.cutOff ? `, by ${d.cutOff}` : ''}
                    <div className={d.status === 'overdue' ? 'meter-over' : 'muted'}>{whenText(d)}</div>
                  </td>
                  {props.onMarkDone ? (
                    <td>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-label={`${d.status === 'done' ? 'Not done yet' : 'Mark as done'}: ${d.label}`}
                        onClick={() => props.onMarkDone?.(d, d.status !== 'done')}
                      >
                        {d.status === 'done' ? 'Not done yet' : 'Mark as done'}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {props.list.notes.length > 0 ? (
        <ul>
          {props.list.notes.map((n) => (
            <li key={`${n.kind}-${n.message}`}>{n.message}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
