/**
 * What import proposes about a document (title, date) for the user to confirm, and titles, names and
 * references kept free of control and bidi formatting characters at import and update.
 */
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempServices } from '../../../../helpers/context';

let t: ReturnType<typeof tempServices>;
let caseId: number;
beforeAll(() => {
  t = tempServices();
  caseId = t.services.cases.create({ title: 'Facts', role: 'parent', appealType: 'refusal-to-assess' }).id;
});
afterAll(() => t.dispose());

async function letter(title: string | null): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Speech and Language Therapy Report', { x: 60, y: 760, size: 20, font });
  page.drawText('Seen on 7th October 2025 at school.', { x: 60, y: 720, size: 11, font });
  page.drawText('Body text about communication needs.', { x: 60, y: 700, size: 11, font });
  if (title !== null) doc.setTitle(title);
  return new Uint8Array(await doc.save());
}

describe('document facts at import', () => {
  it('proposes the title and date from the file, fills the date, and waits for the user to confirm', async () => {
    const [outcome] = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: 'IMG_20261112_0931.pdf', data: await letter('IMG_20261112_0931') }],
    });
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    const doc = t.services.documents.get(outcome.documentId);
    expect(doc).toMatchObject({
      title: 'Speech and Language Therapy Report',
      suggestedTitle: 'Speech and Language Therapy Report',
      documentDate: '2025-10-07',
      suggestedDate: '2025-10-07',
      detailsConfirmed: false,
    });
    // The bundle index's Date column shows it.
    const row = t.services.bundle
      .plan(caseId)
      .index.flatMap((p) => p.rows)
      .find((r) => r.documentId === doc.id);
    expect(row?.date).toBeTruthy();

    const confirmed = t.services.documents.update(doc.id, { title: 'SALT report', detailsConfirmed: true });
    expect(confirmed).toMatchObject({
      title: 'SALT report',
      documentDate: '2025-10-07',
      detailsConfirmed: true,
    });
    // The proposal stays on record.
    expect(confirmed.suggestedTitle).toBe('Speech and Language Therapy Report');
  });

  it('keeps a file name the user chose as the title, with the proposal beside it', async () => {
    const [outcome] = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: 'SALT report for Sam.pdf', data: await letter('Therapy report v2') }],
    });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(t.services.documents.get(outcome.documentId)).toMatchObject({
      title: 'SALT report for Sam',
      suggestedTitle: 'Therapy report v2',
      documentDate: '2025-10-07',
      detailsConfirmed: false,
    });
  });

  it('keeps a title and date the user typed, confirmed', async () => {
    const [outcome] = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name: 'b.pdf', data: await letter('Another title') }],
      title: 'My own title',
      documentDate: '2026-01-02',
    });
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    expect(t.services.documents.get(outcome.documentId)).toMatchObject({
      title: 'My own title',
      documentDate: '2026-01-02',
      suggestedTitle: 'Another title',
      suggestedDate: '2025-10-07',
      detailsConfirmed: true,
    });
  });
});

describe('control and bidi formatting characters', () => {
  it('are stripped from a title given at import and from a file name used as the title', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([595, 842]);
    const [fromName] = await t.services.documents.import({
      caseId,
      section: 'D',
      files: [{ name: 'minutes\x1b[2J\u202e of\tmeeting.pdf', data: new Uint8Array(await pdf.save()) }],
    });
    if (fromName.status !== 'imported') throw new Error(JSON.stringify(fromName));
    expect(t.services.documents.get(fromName.documentId).title).toBe('minutes[2J of meeting');

    const [given] = await t.services.documents.import({
      caseId,
      section: 'D',
      files: [{ name: 'x.pdf', data: await letter(null) }],
      title: 'Annual\x00 review\u0085 \u2066notes\u2069',
    });
    if (given.status !== 'imported') throw new Error(JSON.stringify(given));
    expect(t.services.documents.get(given.documentId).title).toBe('Annual review notes');
  });

  it('are stripped from titles, names and references on update', () => {
    const c = t.services.cases.create({
      title: 'Sam\x1b]0;owned\x07',
      role: 'la',
      appealType: 'contents-of-plan',
      childName: 'Sam\u202e Smith',
      tribunalRef: 'EH\r\n123/45',
    });
    expect(c).toMatchObject({ title: 'Sam]0;owned', childName: 'Sam Smith', tribunalRef: 'EH 123/45' });
    const party = t.services.cases.saveParty(c.id, undefined, {
      kind: 'appellant',
      name: 'Ayesha\u200f Khan\x9b',
    });
    expect(party.name).toBe('Ayesha Khan');
    const witness = t.services.witnesses.save(c.id, undefined, { name: '\x1bDr Lee', party: 'la' });
    expect(witness.name).toBe('Dr Lee');
    const docs = t.services.documents.list(caseId);
    expect(t.services.documents.update(docs[0].id, { title: 'Plan\x1b[0m' }).title).toBe('Plan[0m');
    expect(() => t.services.documents.update(docs[0].id, { title: '\x1b\x07' })).toThrow(/title/);
    // Right-to-left names themselves are kept as they are.
    expect(t.services.cases.update(c.id, { childName: 'محمد الحسن' }).childName).toBe('محمد الحسن');
  });
});
