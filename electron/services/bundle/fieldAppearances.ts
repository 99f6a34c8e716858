/**
 * Form fields' appearances made again where a reader would make them, before the fields are drawn into
 * their pages (activeContent.ts flattens each field as its appearance shows it). A form whose values were
 * typed by a program that does not draw them sets /NeedAppearances, asking every reader to draw each field
 * from its value; its appearances are then out of date or missing, and drawing those put empty boxes in the
 * bundle where the document showed the answers. Text fields, lists and drop-downs are drawn again from their
 * values (Helvetica where it has every letter, as readers' default /Helv; DejaVu Sans otherwise); check
 * boxes and radio buttons keep their own on and off appearances, which readers use as they are, and are
 * drawn only where they have none (a ticked box with no drawing went into the bundle empty). A password
 * field keeps the drawing it has.
 */
import {
  defaultOptionListAppearanceProvider,
  PDFArray,
  PDFBool,
  PDFCheckBox,
  PDFDict,
  PDFDropdown,
  PDFName,
  PDFNumber,
  PDFOptionList,
  PDFRadioGroup,
  PDFRef,
  PDFTextField,
  StandardFonts,
  type PDFDocument,
  type PDFField,
  type PDFFont,
} from '@cantoo/pdf-lib';
import { embedSubsetFont } from '../pdf/fonts';

type Redrawn = PDFTextField | PDFDropdown | PDFOptionList;

/**
 * At most this many fields are drawn again in a document (a form of a few pages has tens; 2,000 take about
 * 0.3 s here): past it, a hostile or broken form keeps the drawings it has rather than holding the import
 * and every build.
 */
const MAX_REDRAWN = 5000;

function acroFormOf(doc: PDFDocument): PDFDict | null {
  try {
    const raw = doc.catalog.get(PDFName.of('AcroForm'));
    const form = raw instanceof PDFRef ? doc.context.lookup(raw) : raw;
    return form instanceof PDFDict ? form : null;
  } catch {
    return null;
  }
}

function redrawn(field: PDFField): field is Redrawn {
  return field instanceof PDFTextField || field instanceof PDFDropdown || field instanceof PDFOptionList;
}

function valueOf(field: Redrawn): string {
  if (field instanceof PDFTextField) return field.getText() ?? '';
  return [...field.getSelected(), ...field.getOptions()].join(' ');
}

/**
 * A list box as readers draw it, for pdf-lib's drawing (which lists its options from the first, and takes
 * the choice from /V alone): from its top index (/TI: the row the person scrolled to, so a choice far down
 * the list shows, as poppler and Acrobat draw it; PDFium's listbox_form.pdf chose the tenth of ten provinces
 * and the bundle showed the first two, nothing chosen), and with the choice its /I names where it has no /V.
 */
function listAsShown(list: PDFOptionList): PDFOptionList {
  const dict = list.acroField.dict;
  const options = list.getOptions();
  if (list.isSorted()) options.sort();
  let selected = list.getSelected();
  const indices = dict.lookup(PDFName.of('I'));
  if (selected.length === 0 && indices instanceof PDFArray)
    selected = indices
      .asArray()
      .map((index) => (index instanceof PDFNumber ? options[index.asNumber()] : undefined))
      .filter((option): option is string => option !== undefined);
  const top = dict.lookup(PDFName.of('TI'));
  const from =
    top instanceof PDFNumber &&
    Number.isInteger(top.asNumber()) &&
    top.asNumber() > 0 &&
    top.asNumber() < options.length
      ? top.asNumber()
      : 0;
  return Object.create(list, {
    getOptions: { value: () => options.slice(from) },
    getSelected: { value: () => selected },
    isSorted: { value: () => false },
  }) as PDFOptionList;
}

/**
 * Draws again the fields of `doc` (loaded for this build only) that a reader would draw from their values:
 * all of them when the form asks for it, else those without an appearance. Returns how many. A field that
 * cannot be drawn again keeps the appearance it has.
 */
export async function refreshFieldAppearances(doc: PDFDocument): Promise<number> {
  const acroForm = acroFormOf(doc);
  if (!acroForm) return 0;
  const readersRedraw = acroForm.get(PDFName.of('NeedAppearances')) === PDFBool.True;
  // The source's catalog never goes into a bundle: its XFA (which pdf-lib would drop, with a warning) neither.
  acroForm.delete(PDFName.of('XFA'));
  let fields: PDFField[];
  try {
    fields = doc.getForm().getFields();
  } catch {
    return 0;
  }
  const fonts: { latin?: PDFFont; unicode?: PDFFont } = {};
  let latinLetters: Set<number> | undefined;
  let count = 0;
  for (const field of fields) {
    if (count >= MAX_REDRAWN) break;
    if (field instanceof PDFCheckBox || field instanceof PDFRadioGroup) {
      try {
        if (!field.needsAppearancesUpdate()) continue;
        field.updateAppearances();
        count++;
      } catch {
        // As below: flattened with what it has.
      }
      continue;
    }
    if (!redrawn(field)) continue;
    // A password field's value is never drawn from its value: readers show the drawing it has (asterisks, or
    // nothing), and pdf-lib would draw the password itself into the bundle (pdf.js's issue19389.pdf).
    if (field instanceof PDFTextField && field.isPassword()) continue;
    try {
      if (!readersRedraw && !field.needsAppearancesUpdate()) continue;
      const value = valueOf(field);
      fonts.latin ??= await doc.embedFont(StandardFonts.Helvetica);
      latinLetters ??= new Set(fonts.latin.getCharacterSet());
      const latin = [...value].every(
        (ch) => ch === '\n' || ch === '\r' || latinLetters!.has(ch.codePointAt(0)!),
      );
      if (!latin) fonts.unicode ??= await embedSubsetFont(doc, 'DejaVuSans.ttf', 'FLDAAA+DejaVuSans');
      const font = latin ? fonts.latin : fonts.unicode!;
      if (field instanceof PDFOptionList)
        field.updateAppearances(font, (list, widget, drawIn) =>
          defaultOptionListAppearanceProvider(listAsShown(list), widget, drawIn),
        );
      else field.updateAppearances(font);
      count++;
    } catch {
      // A field pdf-lib cannot read or draw: it is flattened with the appearance it has.
    }
  }
  // The fonts' objects are made when the document is flushed: before its pages are copied.
  if (count) await doc.flush();
  return count;
}
