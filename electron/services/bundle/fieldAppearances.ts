/**
 * Form fields' appearances made again where a reader would make them, before the fields are drawn into
 * their pages (activeContent.ts flattens each field as its appearance shows it). A form whose values were
 * typed by a program that does not draw them sets /NeedAppearances, asking every reader to draw each field
 * from its value; its appearances are then out of date or missing, and drawing those put empty boxes in the
 * bundle where the document showed the answers. Text fields, lists and drop-downs are drawn again from their
 * values, with the default appearance (/DA: font, size, colour) readers use: the field's widget's, its own,
 * an ancestor's or the form's, and the font it names from the form's resources as one of the standard fonts
 * (Helvetica, Times, Courier, bold or italic: readers draw /HeBo bold and /Cour in Courier) where it has every
 * letter, DejaVu Sans of the same weight otherwise; check boxes and radio buttons keep their own on and off
 * appearances, which readers use as they are, and are drawn only where they have none (a ticked box with no
 * drawing went into the bundle empty). A password field keeps the drawing it has.
 */
import {
  defaultOptionListAppearanceProvider,
  PDFArray,
  PDFBool,
  PDFCheckBox,
  PDFDict,
  PDFDropdown,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFOptionList,
  PDFRadioGroup,
  PDFRef,
  PDFString,
  PDFTextField,
  StandardFonts,
  type PDFDocument,
  type PDFField,
  type PDFFont,
} from '@cantoo/pdf-lib';
import { embedSubsetFont, type FontFile } from '../pdf/fonts';

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

function textOf(value: unknown): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** A field's first widget's default appearance (/DA), else its own: the two pdf-lib reads. */
function ownAppearanceOf(field: PDFField): string | undefined {
  const widget = field.acroField.getWidgets()[0];
  return (
    textOf(widget?.dict.lookup(PDFName.of('DA'))) ?? textOf(field.acroField.dict.lookup(PDFName.of('DA')))
  );
}

/**
 * What a reader draws a field with where the field and its widget set none: its ancestors', else the form's
 * default appearance (font, size, colour) and alignment (/Q). pdf-lib reads only the widget's and the field's
 * own, so it drew a field that inherits its size from the form at the size that fills its box (a 9-point
 * answer in 24-point letters), in black, to the left; the inherited ones are made the field's own (its
 * document is loaded for this build only).
 */
function inheritAppearance(field: PDFField, acroForm: PDFDict): string | undefined {
  const dict = field.acroField.dict;
  if (field instanceof PDFTextField && !(dict.lookup(PDFName.of('Q')) instanceof PDFNumber)) {
    const quadding =
      field.acroField.getInheritableAttribute(PDFName.of('Q')) ?? acroForm.get(PDFName.of('Q'));
    const resolved = quadding instanceof PDFRef ? dict.context.lookup(quadding) : quadding;
    if (resolved instanceof PDFNumber) dict.set(PDFName.of('Q'), resolved);
  }
  const own = ownAppearanceOf(field);
  if (own !== undefined) return own;
  const inherited =
    textOf(dict.context.lookup(field.acroField.getInheritableAttribute(PDFName.of('DA')))) ??
    textOf(acroForm.lookup(PDFName.of('DA')));
  if (inherited !== undefined) dict.set(PDFName.of('DA'), PDFString.of(inherited));
  return inherited;
}

/** A standard font's family and style, as the font a form names is drawn. */
interface FieldFontStyle {
  family: 'Helvetica' | 'Times' | 'Courier';
  bold: boolean;
  italic: boolean;
}

/** Acrobat's short names for the standard fonts it puts in forms' resources. */
const SHORT_NAMES: Record<string, FieldFontStyle> = {
  Helv: { family: 'Helvetica', bold: false, italic: false },
  HeBo: { family: 'Helvetica', bold: true, italic: false },
  HeOb: { family: 'Helvetica', bold: false, italic: true },
  HeBO: { family: 'Helvetica', bold: true, italic: true },
  TiRo: { family: 'Times', bold: false, italic: false },
  TiBo: { family: 'Times', bold: true, italic: false },
  TiIt: { family: 'Times', bold: false, italic: true },
  TiBI: { family: 'Times', bold: true, italic: true },
  Cour: { family: 'Courier', bold: false, italic: false },
  CoBo: { family: 'Courier', bold: true, italic: false },
  CoOb: { family: 'Courier', bold: false, italic: true },
  CoBO: { family: 'Courier', bold: true, italic: true },
};

const SERIF_FAMILIES =
  /^(times|tinos|liberationserif|georgia|garamond|cambria|bookantiqua|palatino|centuryschoolbook)/i;
const MONOSPACED_FAMILIES = /^(courier|cousine|liberationmono|consolas|lucidaconsole|dejavusansmono)/i;

/**
 * The standard font a reader would draw a field's font with: from the font's name in the form's resources
 * (Acrobat's short names, then its /BaseFont: Arial is drawn as Helvetica, Times New Roman as Times, Courier
 * New as Courier, with "Bold" and "Italic" in the name), and its descriptor's flags where the name does not
 * say (fixed pitch: Courier; serif: Times; bold by weight). Helvetica, readers' default, where nothing does.
 */
function fieldFontStyle(fontName: string | undefined, acroForm: PDFDict): FieldFontStyle {
  const plain: FieldFontStyle = { family: 'Helvetica', bold: false, italic: false };
  if (!fontName) return plain;
  let font: unknown;
  try {
    const resources = acroForm.lookup(PDFName.of('DR'));
    const fonts = resources instanceof PDFDict ? resources.lookup(PDFName.of('Font')) : undefined;
    font = fonts instanceof PDFDict ? fonts.lookup(PDFName.of(fontName)) : undefined;
  } catch {
    font = undefined;
  }
  const baseFont = font instanceof PDFDict ? font.lookup(PDFName.of('BaseFont')) : undefined;
  if (!(baseFont instanceof PDFName)) return SHORT_NAMES[fontName] ?? plain;
  const name = baseFont
    .decodeText()
    .replace(/^[A-Z]{6}\+/, '')
    .replace(/[\s_]/g, '');
  const descriptor = font instanceof PDFDict ? font.lookup(PDFName.of('FontDescriptor')) : undefined;
  const flagsValue = descriptor instanceof PDFDict ? descriptor.lookup(PDFName.of('Flags')) : undefined;
  const weight = descriptor instanceof PDFDict ? descriptor.lookup(PDFName.of('FontWeight')) : undefined;
  const flags = flagsValue instanceof PDFNumber ? flagsValue.asNumber() : 0;
  const family = MONOSPACED_FAMILIES.test(name)
    ? 'Courier'
    : SERIF_FAMILIES.test(name)
      ? 'Times'
      : /^(helvetica|arial|arimo|liberationsans)/i.test(name)
        ? 'Helvetica'
        : flags & 1
          ? 'Courier'
          : flags & 2
            ? 'Times'
            : 'Helvetica';
  return {
    family,
    bold: /bold|black|heavy/i.test(name) || (weight instanceof PDFNumber && weight.asNumber() >= 600),
    italic: /italic|oblique/i.test(name) || Boolean(flags & 64),
  };
}

const STANDARD_FONTS: Record<
  FieldFontStyle['family'],
  [StandardFonts, StandardFonts, StandardFonts, StandardFonts]
> = {
  Helvetica: [
    StandardFonts.Helvetica,
    StandardFonts.HelveticaBold,
    StandardFonts.HelveticaOblique,
    StandardFonts.HelveticaBoldOblique,
  ],
  Times: [
    StandardFonts.TimesRoman,
    StandardFonts.TimesRomanBold,
    StandardFonts.TimesRomanItalic,
    StandardFonts.TimesRomanBoldItalic,
  ],
  Courier: [
    StandardFonts.Courier,
    StandardFonts.CourierBold,
    StandardFonts.CourierOblique,
    StandardFonts.CourierBoldOblique,
  ],
};

const UNICODE_FONTS: [FontFile, FontFile, FontFile, FontFile] = [
  'DejaVuSans.ttf',
  'DejaVuSans-Bold.ttf',
  'DejaVuSans-Oblique.ttf',
  'DejaVuSans-BoldOblique.ttf',
];

/** The font name a default appearance sets (its last `/Name size Tf`). */
function fontNameOf(appearance: string | undefined): string | undefined {
  const matches = [
    ...(appearance ?? '').matchAll(
      /\/([^\0\t\n\f\r ()<>[\]{}/%]+)[\0\t\n\f\r ]+[-+]?(?:\d*\.\d+|\d+)[\0\t\n\f\r ]+Tf/g,
    ),
  ];
  return matches.at(-1)?.[1];
}

/** The fonts a document's fields are drawn with, each embedded once. */
class FieldFonts {
  private readonly embedded = new Map<string, PDFFont>();
  private letters: Set<number> | undefined;

  constructor(private readonly doc: PDFDocument) {}

  /** The font to draw `value` in, for a field whose font is of `style`. */
  async forValue(style: FieldFontStyle, value: string): Promise<PDFFont> {
    const variant = (style.bold ? 1 : 0) + (style.italic ? 2 : 0);
    const standard = STANDARD_FONTS[style.family][variant];
    const font = await this.font(standard, () => this.doc.embedFont(standard));
    // The standard fonts share one character set (Windows Latin).
    this.letters ??= new Set(font.getCharacterSet());
    const letters = this.letters;
    const latin = [...value].every((ch) => ch === '\n' || ch === '\r' || letters.has(ch.codePointAt(0)!));
    if (latin) return font;
    const file = UNICODE_FONTS[variant];
    const tag = `FLD${'ABCD'[variant]}AA`;
    return this.font(file, () => embedSubsetFont(this.doc, file, `${tag}+${file.replace(/\.ttf$/, '')}`));
  }

  private async font(key: string, embed: () => Promise<PDFFont>): Promise<PDFFont> {
    let font = this.embedded.get(key);
    if (!font) {
      font = await embed();
      this.embedded.set(key, font);
    }
    return font;
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
  const fonts = new FieldFonts(doc);
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
      const appearance = inheritAppearance(field, acroForm);
      const font = await fonts.forValue(fieldFontStyle(fontNameOf(appearance), acroForm), valueOf(field));
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
