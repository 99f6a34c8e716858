import type { CaseSummary } from '../../../shared/api/contract';

export interface NextDeadlineEntry {
  label: string;
  date: string;
}

/**
 * The next deadline of each case, from the deadlines service (deadlines.list). Until that service is in
 * this build, there is nothing to show.
 */
export function useNextDeadlines(
  _cases: CaseSummary[] | undefined,
): Record<number, NextDeadlineEntry | undefined> {
  return {};
}

export function NextDeadline(props: { entry: NextDeadlineEntry | undefined }) {
  if (!props.entry) return <span className="muted">None yet</span>;
  return (
    <span>
      {props.entry.label}: {props.entry.date}
    </span>
  );
}
