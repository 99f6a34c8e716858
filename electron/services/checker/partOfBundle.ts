/**
 * A part of a bundle sent in parts (delivery parts: "Part 2 of 3 · pages 101–220 of 480" on its first
 * page) is checked as a part: its numbers start where its cover line says, not at 1; its index is in part 1;
 * index rows for pages in other parts, and index links left out of parts, are expected (notes, not errors).
 */
import { readPartLine } from '../../../shared/bundle/delivery';
import type { CheckFinding, CheckResult } from '../../../shared/domain/checker';
import { PdfFile, type PdfInput } from '../pdf/read';
import { ContentTextReader } from '../pdf/read/contentText';
import { verdictFor } from './verdict';

type PartLine = NonNullable<ReturnType<typeof readPartLine>>;

/** The part line on the file's first page, or null (not a part, or unreadable). */
export function readPartOfBundle(pdf: PdfInput): PartLine | null {
  try {
    const file = PdfFile.open(pdf);
    try {
      const page = file.pages[0];
      if (!page) return null;
      const text = new ContentTextReader(file.reader)
        .read(page)
        .items.map((i) => i.text)
        .join(' ');
      return readPartLine(text);
    } finally {
      file.close();
    }
  } catch {
    return null;
  }
}

/** The findings of a whole-bundle check, read as those of a part. */
export function asPartOfBundle(result: CheckResult, part: PartLine): CheckResult {
  const of = `part ${part.part} of ${part.parts} of a bundle (its pages ${part.first}–${part.last} of ${part.total})`;
  const findings: CheckFinding[] = [];
  for (const f of result.findings) {
    if (f.code === 'page-number-gap' && f.details?.from === null && f.details?.to === part.first) continue;
    if (f.code === 'index-missing' && part.part > 1) {
      findings.push({ ...f, severity: 'note', message: `This is ${of}: the index is in part 1.` });
      continue;
    }
    if (f.code === 'index-entry-not-found' || f.code === 'index-links-missing') {
      findings.push({
        ...f,
        severity: 'note',
        message:
          f.code === 'index-links-missing'
            ? `This is ${of}: the index has no links in a part, because its documents are spread over the parts.`
            : `This is ${of}: index rows for pages in other parts are not in this file (${f.message})`,
      });
      continue;
    }
    findings.push(f);
  }
  const counts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) counts[f.severity]++;
  const summary = { ...result.summary, counts, partOf: part };
  return { summary, verdict: verdictFor(summary, findings), findings };
}
