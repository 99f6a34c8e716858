/** Page-limit meters, one per part of the bundle, from the bundle plan (the rule pack decides the limits). */
import { useId } from 'react';
import type { PageMeter } from '../../shared/bundle/types';
import { formatDate } from '../copy';

function Meter(props: { meter: PageMeter }) {
  const id = useId();
  const { meter } = props;
  const over = meter.pages - meter.limit;
  return (
    <li className="meter" data-part={meter.partId} data-status={meter.status}>
      <div id={id}>
        {meter.label} <span className="muted">(section {meter.section})</span>
      </div>
      <meter
        aria-labelledby={id}
        min={0}
        max={meter.limit}
        value={Math.min(meter.pages, meter.limit)}
        high={meter.limit * 0.9}
        optimum={0}
      />
      <div className={over > 0 ? 'meter-over' : undefined}>
        {meter.pages} of {meter.limit} pages
        {over > 0 ? `: ${over} over the limit` : meter.status === 'at-limit' ? ': at the limit' : ''}
      </div>
      {meter.allowance ? (
        <div className="muted">
          The tribunal allowed {meter.allowance.pages} pages
          {meter.allowance.usualLimit !== null ? ` (usually ${meter.allowance.usualLimit})` : ''} by its{' '}
          {meter.allowance.basis} of {formatDate(meter.allowance.grantedDate)}.
        </div>
      ) : null}
    </li>
  );
}

export function PageMeters(props: { meters: PageMeter[] }) {
  return (
    <ul className="checklist" data-testid="page-meters">
      {props.meters.map((m) => (
        <Meter key={m.partId} meter={m} />
      ))}
    </ul>
  );
}
