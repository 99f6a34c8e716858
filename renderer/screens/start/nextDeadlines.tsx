import { call } from '../../api';
import { formatDate } from '../../copy';
import { nextDeadline, whenText } from '../../components/Deadlines';
import { useLoad } from '../../hooks/useLoad';
import type { CaseSummary } from '../../../shared/api/contract';
import type { Deadline } from '../../../shared/deadlines';

/** The next deadline of each case in the list, from the deadlines service. */
export function useNextDeadlines(
  cases: CaseSummary[] | undefined,
): Record<number, Deadline | null | undefined> {
  const ids = (cases ?? []).map((c) => c.id);
  const loaded = useLoad(async () => {
    const lists = await Promise.all(
      ids.map((caseId) => call('deadlines.list', { caseId }).catch(() => undefined)),
    );
    return Object.fromEntries(ids.map((id, i) => [id, nextDeadline(lists[i]) ?? null]));
  }, [ids]);
  return loaded.data ?? {};
}

export function NextDeadline(props: { entry: Deadline | null | undefined }) {
  if (props.entry === undefined) return <span className="muted">…</span>;
  if (props.entry === null) return <span className="muted">None yet</span>;
  const d = props.entry;
  return (
    <span>
      {d.label}: {formatDate(d.due)}
      <div className={d.status === 'overdue' ? 'meter-over' : 'muted'}>{whenText(d)}</div>
    </span>
  );
}
