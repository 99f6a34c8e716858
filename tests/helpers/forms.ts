/** PDF forms for tests: filled in as programs fill them, with or without the drawings a reader needs. */
import { PDFBool, PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';

/**
 * A form with two text fields and a drop-down, filled in by a program that left their appearances as they
 * were when the fields were empty. `asks`: whether it sets /NeedAppearances.
 */
export async function filledForm(title: string, asks: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(title, { x: 72, y: 780, size: 18, font });
  const form = doc.getForm();
  const name = form.createTextField('child.name');
  name.addToPage(page, { x: 72, y: 700, width: 300, height: 24 });
  const school = form.createTextField('school');
  school.addToPage(page, { x: 72, y: 650, width: 300, height: 24 });
  const need = form.createDropdown('need');
  need.addOptions(['Speech and language', 'Autism', 'Hearing']);
  need.addToPage(page, { x: 72, y: 600, width: 300, height: 24 });
  form.updateFieldAppearances(font); // as drawn while empty
  name.setText('Алексей Смирнов');
  school.setText('Anytown Primary, Year 4');
  need.select('Autism');
  if (asks) form.acroForm.dict.set(PDFName.of('NeedAppearances'), PDFBool.True);
  return doc.save({ updateFieldAppearances: false });
}
