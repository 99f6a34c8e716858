/**
 * The comparison report a parent can send to the tribunal: what was compared (file names, sizes, page
 * counts, fingerprints), the answer, then every difference in words with the pages in each copy. Set in
 * the bundle font on plain A4 sheets (bundle/sheets.ts), numbered "Report page n of N".
 */
import { describeEncryption } from '../../../shared/checker/encryption';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { CompareFinding, CompareResult, CompareSide } from '../../../shared/bundle/compare';
import { embedBundleFont } from '../bundle/fonts';
import { SheetWriter } from '../bundle/sheets';
import { formatBytes } from '../checker/report';
import { fontText, PageText } from '../bundle/text';

const HEADINGS: Record<CompareFinding['code'], string> = {
  'page-count': 'Number of pages',
  'pages-added': 'Pages only in theirs',
  'pages-removed': 'Pages only in yours',
  'pages-changed': 'Pages that say something different',
  'pages-moved': 'Pages in another place',
  'numbering-shift': 'Page numbers shifted',
  'numbers-differ': 'Other page numbers',
  'documents-added': 'Documents only in theirs',
  'documents-removed': 'Documents only in yours',
  'documents-replaced': 'Documents replaced',
  'document-changed': 'Documents with changed pages',
  'index-differs': 'The index',
  'bookmarks-differ': 'Bookmarks',
  'drawn-differently': 'Pages stored differently',
  'fingerprint-differs': 'Fingerprints',
  'encryption-differs': 'Encryption',
  'file-damaged': 'Damaged copies',
};

function sideRows(w: SheetWriter, who: string, s: CompareSide): void {
  w.heading(who, 13);
  w.row('File', s.fileName);
  w.row(
    'Size',
    `${formatBytes(s.fileSize)}, ${s.pageCount} pages (${s.numberedPages} with a bundle page number found)`,
  );
  w.row(
    'Fingerprint',
    `${s.fingerprint} (computed from its pages)` +
      (s.statedFingerprint ? `; it says it is Bundle ${s.statedFingerprint}` : ''),
  );
  w.row('Index and bookmarks', `${s.indexEntries} index rows read, ${s.bookmarks} bookmarks`);
  if (s.damage) w.row('Damage', `${s.damage}: read as far as it could be`);
  const encryption = describeEncryption(s.encryption);
  w.row('Encryption', encryption.charAt(0).toUpperCase() + encryption.slice(1));
}

function pagesLine(f: CompareFinding): string {
  const list = (xs: string[]) =>
    xs.length > 30 ? `${xs.slice(0, 30).join(', ')} and ${xs.length - 30} more` : xs.join(', ');
  const parts: string[] = [];
  if (f.yours.length) parts.push(`Your pages: ${list(f.yours)}`);
  if (f.theirs.length) parts.push(`Their pages: ${list(f.theirs)}`);
  return parts.join('. ');
}

export async function renderCompareReport(result: CompareResult, comparedAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  // With the fallback fonts its words need (file names, titles quoted in findings: Bengali, Urdu, Chinese…).
  const font = await embedBundleFont(doc, result);
  const w = new SheetWriter(doc, font);
  w.title('Comparison of two copies of a bundle', 20);
  w.paragraph(
    `Made by SEND Bundle Builder on ${comparedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    {
      grey: true,
      size: 10,
    },
  );
  w.rule();
  w.paragraph(result.verdict, { size: 12, gap: 10 });
  w.paragraph(
    '“Yours” is the first file, “theirs” the second. Pages are matched by what they say and show (text and ' +
      'pictures), leaving out their page numbers, and then by the bundle page numbers printed on them.',
    { size: 9, grey: true },
  );
  sideRows(w, 'Yours', result.yours);
  sideRows(w, 'Theirs', result.theirs);

  let heading: string | null = null;
  if (result.findings.length === 0) {
    w.heading('Differences', 13);
    w.paragraph('None.');
  }
  for (const f of result.findings) {
    const h = HEADINGS[f.code];
    if (h !== heading) {
      w.heading(f.severity === 'note' ? `${h} (a note)` : h, 13);
      heading = h;
    }
    w.paragraph(f.message, { gap: 2 });
    const pages = pagesLine(f);
    if (pages) w.paragraph(pages, { size: 9, grey: true, indent: 14, gap: 2 });
    for (const line of f.lines ?? []) w.paragraph(line, { size: 9, indent: 14, gap: 1 });
    w.space(4);
  }
  w.finish();

  const pages = w.pages;
  pages.forEach((page, i) => {
    const text = new PageText(doc, page, fontText(font));
    text.line(`Report page ${i + 1} of ${pages.length}`, 64, 36, 9, { grey: 0.35 });
    text.finish();
  });
  doc.setTitle(`Comparison: ${result.yours.fileName} and ${result.theirs.fileName}`, {
    showInWindowTitleBar: true,
  });
  doc.setSubject(result.verdict);
  doc.setProducer('SEND Bundle Builder (pdf-lib)');
  doc.setCreator('SEND Bundle Builder');
  doc.setCreationDate(comparedAt);
  doc.setModificationDate(comparedAt);
  doc.setLanguage('en-GB');
  return doc.save();
}
