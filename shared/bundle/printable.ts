/**
 * Findings for text none of the bundle's fonts can print (DejaVu Sans and its fallbacks:
 * shared/text/fallbackFonts.ts; scripts none of them has): the cover's rows, the case title at the
 * head of every index page, and each document's title in the index. Warnings, not breaches: the bundle can
 * be built, but the user should know before it is sent that a name would be empty boxes.
 */
import { listCharacters } from '../text/bundleFont';
import { unprintableOnPages as unprintableCharacters } from '../text/fallbackFonts';
import type { ComplianceFinding, CoverContent, IndexPage, PlannedDocument } from './types';

const FIX_NAME = 'Leave them out: for a name, use the spelling on the tribunal’s letters.';
const FIX_TITLE = "Change the document's title to leave them out.";

function boxes(count: number): string {
  return count === 1 ? 'it would print as an empty box' : 'they would print as empty boxes';
}

export function unprintableFindings(
  cover: CoverContent,
  coverLabel: string,
  indexTitle: string,
  index: IndexPage[],
  indexLabels: string[],
  documents: PlannedDocument[],
): ComplianceFinding[] {
  const findings: ComplianceFinding[] = [];
  for (const row of cover.rows) {
    const missing = unprintableCharacters(row.value);
    if (!missing.length) continue;
    findings.push({
      id: `unprintable-text:cover:${row.label}`,
      rule: 'unprintable-text',
      severity: 'warning',
      message: `“${row.label}” on the cover has characters the bundle's fonts cannot print, ${listCharacters(missing)}: ${boxes(missing.length)}. ${FIX_NAME}`,
      documentIds: [],
      pages: [coverLabel],
      needsNote: false,
    });
  }
  const titleMissing = unprintableCharacters(indexTitle);
  if (titleMissing.length && indexLabels.length) {
    findings.push({
      id: 'unprintable-text:case-title',
      rule: 'unprintable-text',
      severity: 'warning',
      message: `The case's title, at the top of every index page, has characters the bundle's fonts cannot print, ${listCharacters(titleMissing)}: ${boxes(titleMissing.length)}. Change the case's title to leave them out.`,
      documentIds: [],
      pages: indexLabels,
      needsNote: false,
    });
  }
  for (const d of documents) {
    const missing = unprintableCharacters(d.title);
    if (!missing.length) continue;
    const pages = indexLabels.filter((_, i) => index[i]?.rows.some((r) => r.documentId === d.documentId));
    findings.push({
      id: `unprintable-text:${d.documentId}`,
      rule: 'unprintable-text',
      severity: 'warning',
      message: `The title of ${d.tab} “${d.title}” has characters the bundle's fonts cannot print, ${listCharacters(missing)}: in the index ${boxes(missing.length)}. ${FIX_TITLE}`,
      documentIds: [d.documentId],
      pages,
      needsNote: false,
    });
  }
  return findings;
}
