/**
 * A source page may already use the name the bundle gives its stamp font (a page this app made: a letter,
 * an earlier bundle, the demo's documents). The stamp must not replace that page's own font.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterEach, expect, it } from 'vitest';
import { openWithPdfjs, readPageText } from '../../../../../electron/services/pdf/pdfjs';
import { readFileSync } from 'node:fs';
import { tempServices } from '../../../../helpers/context';
import { seedDocument } from '../../../../helpers/seed';
import { BUNDLE_FONT } from '../../../../../electron/services/bundle/text';

let dispose: (() => void) | undefined;
afterEach(() => dispose?.());

async function pageUsingStampFontName(text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.node.setFontDictionary(BUNDLE_FONT, font.ref);
  const hex = Buffer.from(text, 'latin1').toString('hex');
  page.node.addContentStream(
    doc.context.register(doc.context.stream(`BT ${BUNDLE_FONT.asString()} 14 Tf 60 700 Td <${hex}> Tj ET`)),
  );
  return doc.save();
}

it("keeps a source page's own font when it has the stamp font's name", async () => {
  const t = tempServices();
  dispose = t.dispose;
  const c = t.services.cases.create({ title: 'Fonts', role: 'la', appealType: 'refusal-to-assess' });
  await seedDocument(t.ctx, c.id, 'A', await pageUsingStampFontName('Source text stays readable'), {
    title: 'Letter made earlier',
    kind: 'decision-letter',
  });
  const built = await t.services.bundle.build(c.id, { compiledDate: '2026-03-01' });
  const doc = await openWithPdfjs(readFileSync(built.path));
  try {
    const last = await readPageText(doc, doc.numPages);
    expect(last.text).toContain('Source text stays readable');
  } finally {
    await doc.destroy();
  }
});
