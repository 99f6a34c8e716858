/**
 * Filled-in forms in the bundle show their answers as a reader shows them: a form that asks readers to
 * draw its fields (/NeedAppearances), with appearances out of date, had its fields drawn into the bundle
 * empty. Poppler's pdftotext reads the flattened page as it is drawn: the independent judge here.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFBool, PDFDocument, PDFName, PDFString, StandardFonts, type PDFRef } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleVersion } from '../../../../../shared/bundle/types';
import { closeIdleWorkers } from '../../../../../electron/services/untrusted/runner';
import { tempServices } from '../../../../helpers/context';
import { filledForm } from '../../../../helpers/forms';

const HAVE_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).error === undefined;

/** A form of two check boxes, one ticked, whose drawings were lost: readers draw them from their state. */
async function boxesWithoutDrawings(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Consent form', { x: 72, y: 780, size: 18, font });
  const form = doc.getForm();
  const ticked = form.createCheckBox('consent');
  ticked.addToPage(page, { x: 200, y: 700, width: 24, height: 24 });
  ticked.check();
  const empty = form.createCheckBox('refusal');
  empty.addToPage(page, { x: 300, y: 700, width: 24, height: 24 });
  form.updateFieldAppearances(font);
  for (const box of [ticked, empty])
    for (const widget of box.acroField.getWidgets()) widget.dict.delete(PDFName.of('AP'));
  return doc.save({ updateFieldAppearances: false });
}

/**
 * A form asking readers to draw its fields, with a password field drawn as asterisks (as pdf.js's
 * issue19389.pdf, from Smart Communications): readers show the asterisks, never the password.
 */
async function passwordForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Portal sign-up', { x: 72, y: 780, size: 18, font });
  const form = doc.getForm();
  const password = form.createTextField('password');
  password.setText('Secret-Portal-Word');
  password.enablePassword();
  password.addToPage(page, { x: 72, y: 700, width: 300, height: 20, font });
  const visible = form.createTextField('name');
  visible.setText('Sam Example');
  visible.addToPage(page, { x: 72, y: 650, width: 300, height: 20, font });
  form.updateFieldAppearances(font);
  const stars = doc.context.stream('/Tx BMC BT /Helv 12 Tf 2 5 Td (******************) Tj ET EMC', {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, 300, 20],
    Resources: { Font: { Helv: font.ref } },
  });
  const starsRef = doc.context.register(stars);
  for (const widget of password.acroField.getWidgets())
    widget.dict.set(PDFName.of('AP'), doc.context.obj({ N: starsRef }));
  doc.catalog.getOrCreateAcroForm().dict.set(PDFName.of('NeedAppearances'), doc.context.obj(true));
  return doc.save({ updateFieldAppearances: false });
}

const PROVINCES = ['Alberta', 'British Columbia', 'Manitoba', 'New Brunswick', 'Newfoundland and Labrador'];
PROVINCES.push('Nova Scotia', 'Ontario', 'Prince Edward Island', 'Quebec', 'Saskatchewan');

/**
 * A form asking readers to draw its fields, with two list boxes two rows tall (as PDFium's
 * listbox_form.pdf): one scrolled to its last two rows (/TI 8) with the last chosen, one whose choice is
 * given only by index (/I [1], no /V).
 */
async function listForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Province list', { x: 72, y: 780, size: 18, font });
  const form = doc.getForm();
  const province = form.createOptionList('province');
  province.setOptions(PROVINCES);
  province.select('Saskatchewan');
  province.addToPage(page, { x: 72, y: 600, width: 200, height: 30, font });
  province.setFontSize(12);
  province.acroField.dict.set(PDFName.of('TI'), doc.context.obj(8));
  const animal = form.createOptionList('animal');
  animal.setOptions(['Albatross', 'Bison', 'Cheetah']);
  animal.addToPage(page, { x: 72, y: 500, width: 200, height: 30, font });
  animal.setFontSize(12);
  animal.acroField.dict.set(PDFName.of('I'), doc.context.obj([1]));
  form.updateFieldAppearances(font);
  doc.catalog.getOrCreateAcroForm().dict.set(PDFName.of('NeedAppearances'), doc.context.obj(true));
  return doc.save({ updateFieldAppearances: false });
}

/**
 * A form asking readers to draw its fields, each naming its font and size as forms do: one field setting
 * none (it takes the form's, 9-point Helvetica in blue, centred), and fields in Acrobat's bold Helvetica
 * (/HeBo), Courier (/Cour), Times (/TiRo), and an Arial Bold that is not embedded (drawn as Helvetica Bold),
 * this one with a Greek answer.
 */
async function fontsForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('Field fonts', { x: 72, y: 780, size: 18, font });
  const form = doc.getForm();
  const resources: Record<string, PDFRef> = {};
  for (const [name, standard] of [
    ['Helv', StandardFonts.Helvetica],
    ['HeBo', StandardFonts.HelveticaBold],
    ['Cour', StandardFonts.Courier],
    ['TiRo', StandardFonts.TimesRoman],
  ] as const)
    resources[name] = (await doc.embedFont(standard)).ref;
  resources.ArBo = doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'TrueType',
      BaseFont: 'Arial,Bold',
      Encoding: 'WinAnsiEncoding',
    }),
  );
  const fields: [string, string, string | null][] = [
    ['inherited', 'Inherited Answer', null],
    ['bold', 'Bold Answer', '/HeBo 12 Tf 0 g'],
    ['courier', 'Courier Answer', '/Cour 12 Tf 0 g'],
    ['times', 'Times Answer', '/TiRo 12 Tf 0 g'],
    ['greek', 'Αλέξης Παπαδόπουλος', '/ArBo 12 Tf 0 g'],
  ];
  fields.forEach(([name, answer, appearance], i) => {
    const field = form.createTextField(name);
    field.addToPage(page, { x: 72, y: 700 - 50 * i, width: 400, height: 30 });
    field.setText(answer);
    for (const dict of [field.acroField.dict, ...field.acroField.getWidgets().map((w) => w.dict)]) {
      dict.delete(PDFName.of('DA'));
      dict.delete(PDFName.of('AP'));
    }
    if (appearance) field.acroField.dict.set(PDFName.of('DA'), PDFString.of(appearance));
  });
  const acroForm = form.acroForm.dict;
  acroForm.set(PDFName.of('DA'), PDFString.of('/Helv 9 Tf 0 0 1 rg'));
  acroForm.set(PDFName.of('Q'), doc.context.obj(1));
  acroForm.set(PDFName.of('DR'), doc.context.obj({ Font: resources }));
  acroForm.set(PDFName.of('NeedAppearances'), PDFBool.True);
  return doc.save({ updateFieldAppearances: false });
}

/** Each word poppler reads on a page, with its box (points from the top left). */
function wordsOf(path: string, page: number): { text: string; x: number; width: number; height: number }[] {
  const html = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', path, '-'], {
    encoding: 'utf8',
  });
  return [...html.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map(
    (m) => ({
      text: m[5],
      x: Number(m[1]),
      width: Number(m[3]) - Number(m[1]),
      height: Number(m[4]) - Number(m[2]),
    }),
  );
}

/** Pixels of the highlight colour readers give a chosen row (bluish) in a box of a page drawn at 72 dpi. */
function highlightedInside(path: string, page: number, x: number, top: number, w: number, h: number): number {
  const ppm = execFileSync('pdftoppm', [
    ...['-f', String(page), '-l', String(page), '-r', '72'],
    ...['-x', String(x), '-y', String(top), '-W', String(w), '-H', String(h), path],
  ]);
  const pixels = ppm.subarray(ppm.length - w * h * 3);
  let count = 0;
  for (let i = 0; i < pixels.length; i += 3) if (pixels[i + 2] - pixels[i] > 40) count++;
  return count;
}

/** Dark pixels inside a box (its border left out) of a bundle page drawn by poppler at 72 dpi. */
function darkInside(path: string, page: number, x: number, top: number): number {
  const pgm = execFileSync('pdftoppm', [
    ...['-f', String(page), '-l', String(page), '-r', '72', '-gray'],
    ...['-x', String(x + 5), '-y', String(top + 5), '-W', '14', '-H', '14', path],
  ]);
  // "P5\n14 14\n255\n" then the pixels.
  const pixels = pgm.subarray(pgm.length - 14 * 14);
  return [...pixels].filter((v) => v < 128).length;
}

const env = tempServices();
let version: BundleVersion;

beforeAll(async () => {
  const c = env.services.cases.create({ title: 'Appeal', role: 'parent', appealType: 'refusal-to-assess' });
  const inbox = join(env.dir, 'inbox');
  mkdirSync(inbox);
  const file = (name: string, bytes: Uint8Array) => {
    writeFileSync(join(inbox, name), bytes);
    return { name, path: join(inbox, name) };
  };
  const outcomes = await env.services.documents.import({
    caseId: c.id,
    section: 'D',
    files: [
      file('asks.pdf', await filledForm('Form that asks readers to draw it', true)),
      file('drawn.pdf', await filledForm('Form with its own drawing', false)),
      file('boxes.pdf', await boxesWithoutDrawings()),
      file('password.pdf', await passwordForm()),
      file('lists.pdf', await listForm()),
      file('fonts.pdf', await fontsForm()),
    ],
  });
  expect(outcomes.map((o) => [o.status, o.status === 'refused' ? o.reason : ''])).toEqual([
    ['imported', ''],
    ['imported', ''],
    ['imported', ''],
    ['imported', ''],
    ['imported', ''],
    ['imported', ''],
  ]);
  version = await env.services.bundle.build(c.id, { numbering: 'continuous', compiledDate: '2026-02-01' });
}, 120_000);

afterAll(async () => {
  await closeIdleWorkers();
  env.dispose();
});

function pages(path: string): string[] {
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).split('\f');
}

describe.runIf(HAVE_POPPLER)('filled-in forms in the bundle', () => {
  it('show the answers of a form that asks readers to draw its fields, in every script the bundle has', () => {
    const page = pages(version.path).find((p) => p.includes('Form that asks readers to draw it'))!;
    expect(page).toContain('Алексей Смирнов');
    expect(page).toContain('Anytown Primary, Year 4');
    expect(page).toContain('Autism');
  });

  it('show a form that draws its own fields as it draws them', () => {
    // Readers use the form's own drawing (here, of the empty fields), and so does the bundle.
    const page = pages(version.path).find((p) => p.includes('Form with its own drawing'))!;
    expect(page).not.toContain('Anytown Primary');
  });

  it("show a password field as its own drawing shows it, never the password, beside the form's answers", () => {
    const page = pages(version.path).find((p) => p.includes('Portal sign-up'))!;
    expect(page).toContain('Sam Example');
    expect(page).toContain('******************');
    expect(page).not.toContain('Secret-Portal-Word');
  });

  it('show a list box from the row it was scrolled to, and a choice given by index chosen', () => {
    const texts = pages(version.path);
    const number = texts.findIndex((p) => p.includes('Province list')) + 1;
    // The two rows from the top index: the choice, the last of ten, shows (the first two did, unchosen).
    expect(texts[number - 1]).toContain('Saskatchewan');
    expect(texts[number - 1]).not.toContain('Alberta');
    expect(highlightedInside(version.path, number, 72, 842 - 630, 200, 30)).toBeGreaterThan(300);
    // Bison, chosen by /I alone, is highlighted: its row, the second of the box from y 500 to 530.
    expect(highlightedInside(version.path, number, 72, 842 - 530, 200, 30)).toBeGreaterThan(300);
  });

  it('draw each answer in the font, size, colour and alignment the form gives it, as readers draw them', () => {
    const number = pages(version.path).findIndex((p) => p.includes('Field fonts')) + 1;
    const fonts = execFileSync('pdffonts', ['-f', String(number), '-l', String(number), version.path], {
      encoding: 'utf8',
    });
    for (const name of ['Helvetica-Bold', 'Courier', 'Times-Roman', 'DejaVuSans-Bold'])
      expect(fonts).toMatch(new RegExp(`(^|\\+)${name}\\s`, 'm'));
    const words = wordsOf(version.path, number);
    // The form's 9 points (pdf-lib alone drew it at the size that fills the 30-point box), centred in it.
    const inherited = words.find((w) => w.text === 'Inherited')!;
    expect(inherited.height).toBeLessThan(12);
    const answer = words.find((w) => w.text === 'Answer')!;
    expect(inherited.x - 72).toBeGreaterThan(100);
    expect(answer.x + answer.width).toBeLessThan(472 - 100);
    // In blue: the form's colour.
    const top = Math.round(842 - 730);
    expect(highlightedInside(version.path, number, 72, top, 400, 30)).toBeGreaterThan(20);
    expect(words.map((w) => w.text)).toEqual(expect.arrayContaining(['Αλέξης', 'Παπαδόπουλος', 'Courier']));
  });

  it('show a ticked box with no drawing of its own ticked, and an empty one empty', () => {
    const number = pages(version.path).findIndex((p) => p.includes('Consent form')) + 1;
    // The page is A4, as the form's: the boxes sit where the form put them (y 700 to 724 from the foot).
    expect(darkInside(version.path, number, 200, 842 - 724)).toBeGreaterThan(10);
    expect(darkInside(version.path, number, 300, 842 - 724)).toBe(0);
  });
});
