/** PDFs with layers (optional content), for the tests of carrying them into bundles. */
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts } from '@cantoo/pdf-lib';

/**
 * A page of base text and three layers: "Draft notes" (hidden), "Signature" (shown) and, in a group
 * labelled "Options", "Option B" (hidden by the base state, not named as on).
 */
export async function layeredPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Base text of the report', { x: 72, y: 760, size: 14, font });
  const ctx = doc.context;
  const group = (label: string) => ctx.register(ctx.obj({ Type: 'OCG', Name: PDFString.of(label) }));
  const draft = group('Draft notes');
  const signature = group('Signature');
  const optionB = group('Option B');
  const fontName = page.node.Resources()!.lookup(PDFName.of('Font'), PDFDict).keys()[0].asString();
  const shown = (tag: string, text: string, y: number) =>
    `/OC /${tag} BDC BT ${fontName} 14 Tf 72 ${y} Td (${text}) Tj ET EMC\n`;
  page.node.addContentStream(
    ctx.register(
      ctx.flateStream(
        shown('d', 'DRAFT NOTE hidden by its author', 700) +
          shown('s', 'Signed by the educational psychologist', 650) +
          shown('b', 'OPTION B hidden by default', 600),
      ),
    ),
  );
  page.node.Resources()!.set(PDFName.of('Properties'), ctx.obj({ d: draft, s: signature, b: optionB }));
  doc.catalog.set(
    PDFName.of('OCProperties'),
    ctx.obj({
      OCGs: [draft, signature, optionB],
      D: {
        BaseState: 'OFF',
        ON: [signature],
        Order: [draft, signature, [PDFString.of('Options'), optionB]],
      },
    }),
  );
  return doc.save();
}
