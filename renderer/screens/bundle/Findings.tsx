/** The plan's compliance findings, most serious first, in plain English with the rule behind each. */
import type { ReactNode } from 'react';
import type { ComplianceFinding, FindingSeverity } from '../../../shared/bundle/types';

const GROUPS: { severity: FindingSeverity; title: string }[] = [
  { severity: 'breach', title: 'Must be fixed, or explained in a note to the tribunal' },
  { severity: 'warning', title: 'Should be checked' },
  { severity: 'info', title: 'Good to know' },
];

export function Findings(props: {
  findings: ComplianceFinding[];
  /** A way to fix a finding on the spot, where there is one (making scans searchable). */
  fix?: (finding: ComplianceFinding) => ReactNode;
}) {
  if (props.findings.length === 0)
    return <p>The bundle follows the tribunal’s rules that the app can check.</p>;
  return (
    <div data-testid="findings">
      {GROUPS.map(({ severity, title }) => {
        const items = props.findings.filter((f) => f.severity === severity);
        if (items.length === 0) return null;
        return (
          <div key={severity}>
            <h3>
              {title} ({items.length})
            </h3>
            <ul className="findings">
              {items.map((f) => (
                <li key={f.id} data-finding={f.id} data-severity={f.severity}>
                  {f.message}
                  {f.pages.length > 0 ? <span className="muted"> Pages {f.pages.join(', ')}.</span> : null}
                  {f.citation ? (
                    <details className="why">
                      <summary>
                        Why?<span className="visually-hidden"> The rule behind this</span>
                      </summary>
                      <p className="muted">{f.citation}</p>
                    </details>
                  ) : null}
                  {props.fix?.(f)}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
