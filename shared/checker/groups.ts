/**
 * A check's findings grouped by kind, for a screen that shows the verdict first and then one line per kind
 * of problem with its count and pages (a 311-page file can have 150 findings of three kinds).
 */
import type { CheckFinding, CheckFindingCode, CheckSeverity } from '../domain/checker';

interface FindingGroup {
  code: CheckFindingCode;
  severity: CheckSeverity;
  findings: CheckFinding[];
  /** Every page any of them is about (1-based pages of the file), in order. */
  pages: number[];
}

const ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, note: 2 };

/** Most serious first; within a severity, the kind with most findings first (then in the checker's order). */
export function groupFindings(findings: CheckFinding[]): FindingGroup[] {
  const groups = new Map<CheckFindingCode, FindingGroup>();
  for (const f of findings) {
    const group = groups.get(f.code) ?? { code: f.code, severity: f.severity, findings: [], pages: [] };
    group.findings.push(f);
    if (ORDER[f.severity] < ORDER[group.severity]) group.severity = f.severity;
    groups.set(f.code, group);
  }
  const list = [...groups.values()];
  for (const g of list) g.pages = [...new Set(g.findings.flatMap((f) => f.pages))].sort((a, b) => a - b);
  return list
    .map((g, i) => ({ g, i }))
    .sort(
      (a, b) =>
        ORDER[a.g.severity] - ORDER[b.g.severity] || b.g.findings.length - a.g.findings.length || a.i - b.i,
    )
    .map(({ g }) => g);
}
