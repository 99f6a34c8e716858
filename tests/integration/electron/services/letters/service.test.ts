import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../electron/ipc/handlers';
import { createRouter } from '../../../../../electron/ipc/router';
import { openWithPdfjs, readPageText } from '../../../../../electron/services/pdf/pdfjs';
import { formatResponseText } from '../../../../../electron/services/letters/recommendationResponse';
import { ApiError } from '../../../../../shared/api/errors';
import { LIMITS } from '../../../../../shared/limits';
import { BODY_LINES_PER_PAGE } from '../../../../../electron/services/letters/pdf';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';
import { CHILD, FIXTURES, PARENT, REF } from '../../../../helpers/letterFixtures';

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  dispose = undefined;
});

function setup() {
  const t = tempServices({ clock: () => new Date('2026-12-01T10:00:00Z') });
  dispose = t.dispose;
  const c = t.services.cases.create({
    title: 'Appeal for محمد',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: CHILD,
    laName: 'Anytown Borough Council',
    tribunalRef: REF,
  });
  // A disability discrimination claim, for the letters that belong to claims.
  const claim = t.services.cases.create({
    title: 'Claim for محمد',
    role: 'parent',
    appealType: 'disability-discrimination',
    childName: CHILD,
  });
  const caseFor = (fixture: { appealType?: string }) => (fixture.appealType ? claim.id : c.id);
  return { ...t, caseId: c.id, caseFor };
}

/** Bidi marks some extractors add around right-to-left text, and all whitespace, normalised away. */
function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of word/document.xml, paragraph by paragraph (runs joined, as Word shows them). */
async function docxText(bytes: Uint8Array): Promise<{ text: string; xml: string; zip: JSZip }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join(''));
  return { text: paragraphs.join('\n'), xml, zip };
}

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

const RTL_CHAR = '[\\u0590-\\u08FF\\uFB1D-\\uFDFF\\uFE70-\\uFEFF]';
const SPACE_AT_DIRECTION_CHANGE = new RegExp(
  `(?<=${RTL_CHAR}) (?=[^\\u0590-\\u08FF])|(?<=[^\\u0590-\\u08FF]) (?=${RTL_CHAR})`,
  'g',
);

/**
 * pdftotext reorders right-to-left runs itself and moves the space at a change of direction
 * ("محمد Al-Sayed" comes out as "محمدAl-Sayed"; pdf.js keeps it). For pdftotext only, spaces at a
 * change of direction are ignored on both sides of the comparison.
 */
function withoutDirectionSpaces(text: string): string {
  return text.replace(SPACE_AT_DIRECTION_CHANGE, '');
}

/** Page text by pdf.js (exact), and by pdftotext when installed (spaces at direction changes ignored). */
async function pdfReaders(
  path: string,
): Promise<{ name: string; text: string; fit: (s: string) => string }[]> {
  const [pdfjs, poppler] = await pdfTexts(path);
  const readers = [{ name: 'pdf.js', text: normalise(pdfjs), fit: (s: string) => s }];
  if (poppler !== undefined)
    readers.push({
      name: 'pdftotext',
      text: withoutDirectionSpaces(normalise(poppler)),
      fit: withoutDirectionSpaces,
    });
  return readers;
}

async function pdfTexts(path: string): Promise<string[]> {
  const doc = await openWithPdfjs(new Uint8Array(readFileSync(path)));
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await readPageText(doc, i)).text);
  await doc.destroy();
  const texts = [pages.join(' ')];
  if (hasPdftotext) texts.push(execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }));
  return texts;
}

describe('every letter template renders to DOCX and PDF with the facts it was given', () => {
  for (const [template, fixture] of Object.entries(FIXTURES)) {
    it(template, async () => {
      const { services, caseFor } = setup();
      const caseId = caseFor(fixture);
      const record = await services.letters.render(caseId, template, fixture.fields, ['docx', 'pdf']);
      expect(record.files.map((f) => f.format)).toEqual(['docx', 'pdf']);
      const docx = record.files.find((f) => f.format === 'docx')!;
      const pdf = record.files.find((f) => f.format === 'pdf')!;
      expect(docx.path).toContain(join('letters', String(caseId)));

      const { text, xml } = await docxText(readFileSync(docx.path));
      const docxNorm = normalise(text);
      const readers = await pdfReaders(pdf.path);
      for (const fact of fixture.expect) {
        const want = normalise(fact);
        expect(docxNorm, `DOCX should contain "${fact}"`).toContain(want);
        for (const r of readers)
          expect(r.text, `PDF (${r.name}) should contain "${fact}"`).toContain(r.fit(want));
      }
      // Ordinary flowing text: no frames or floating boxes.
      expect(xml).not.toMatch(/<w:framePr|<wp:anchor|<w:txbxContent/);
      for (const r of readers) expect(r.text).toMatch(/Page 1 of \d/);
    });
  }
});

describe('letters the PDF cannot print', () => {
  it('prints Chinese in the PDF from a fallback font, and notes only what no font has', async () => {
    const { services, caseId } = setup();
    const fixture = FIXTURES['extension-request'];
    const plain = await services.letters.render(caseId, 'extension-request', fixture.fields, ['docx', 'pdf']);
    expect(plain.pdfNotes).toEqual([]);
    const chinese = { ...fixture.fields, childName: '王小明 (Wang Xiaoming)' };
    const printed = await services.letters.render(caseId, 'extension-request', chinese, ['docx', 'pdf']);
    expect(printed.pdfNotes).toEqual([]);
    const pdf = printed.files.find((f) => f.format === 'pdf')!;
    for (const r of await pdfReaders(pdf.path)) expect(r.text, r.name).toContain('王小明 (Wang Xiaoming)');

    const fields = { ...fixture.fields, childName: 'Sam ខ Jones' };
    const word = await services.letters.render(caseId, 'extension-request', fields, ['docx']);
    expect(word.pdfNotes).toEqual([]);
    const both = await services.letters.render(caseId, 'extension-request', fields, ['docx', 'pdf']);
    expect(both.notes).toEqual([]);
    expect(both.pdfNotes).toEqual([
      'The PDF shows “ខ” as an empty box: its font has no such letter. Send the Word file instead, or leave it out of the answers.',
    ]);
    // Listed again later with the same note (it is worked out from the facts the letter was made from).
    expect(services.letters.list(caseId).find((l) => l.id === both.id)?.pdfNotes).toEqual(both.pdfNotes);
    // The Word file has the name as typed.
    const docx = both.files.find((f) => f.format === 'docx')!;
    expect((await docxText(readFileSync(docx.path))).text).toContain('Sam ខ Jones');
  });
});

describe('missing facts', () => {
  it('refuses a letter with a missing fact, naming it', async () => {
    const { services, caseFor } = setup();
    for (const [template, fixture] of Object.entries(FIXTURES)) {
      const fields: Record<string, unknown> = { ...fixture.fields, childName: '  ' };
      const error = await services.letters
        .render(caseFor(fixture), template, fields, ['pdf'])
        .catch((e: unknown) => e);
      expect(error, template).toBeInstanceOf(ApiError);
      expect((error as ApiError).code).toBe('invalid-input');
      // Named as the form names it, never by the internal key.
      expect((error as ApiError).message).toMatch(/Child or young person's name/);
      expect((error as ApiError).message).not.toMatch(/childName/);
      expect((error as ApiError).details).toMatchObject({ missing: [{ field: 'childName' }] });
    }
    expect(readdirSync(services.ctx.paths.letters)).toEqual([]);
  });

  it('names every missing fact, inside tables too', async () => {
    const { services, caseId } = setup();
    const fields = { ...FIXTURES['health-commissioner-response'].fields } as Record<string, unknown>;
    delete fields.officerName;
    fields.recommendations = [
      { text: 'Provide therapy', decision: 'will-follow', steps: [{ action: 'Refer' }] },
    ];
    await expect(
      services.letters.render(caseId, 'health-commissioner-response', fields, ['pdf']),
    ).rejects.toThrow(
      /Named officer.*Recommendations and your decisions, number 1: Steps you will take, number 1: By when/,
    );
  });

  it('asks for reasons when a recommendation is not followed, and steps when it is', async () => {
    const { services, caseId } = setup();
    const base = FIXTURES['social-care-commissioner-response'].fields;
    const notFollowed = {
      ...base,
      recommendations: [{ text: 'Provide respite', decision: 'will-not-follow' }],
    };
    await expect(
      services.letters.render(caseId, 'social-care-commissioner-response', notFollowed, ['pdf']),
    ).rejects.toThrow(/number 1: Reasons for not following it/);
    const followed = { ...base, recommendations: [{ text: 'Provide respite', decision: 'will-follow' }] };
    await expect(
      services.letters.render(caseId, 'social-care-commissioner-response', followed, ['pdf']),
    ).rejects.toThrow(/number 1: Steps you will take/);
    const noContact = { ...base, officerEmail: '', officerPhone: '' };
    await expect(
      services.letters.render(caseId, 'social-care-commissioner-response', noContact, ['pdf']),
    ).rejects.toThrow(/Officer's email or telephone \(give at least one way to contact them\)/);
  });

  it('refuses facts that are there but unusable, naming them', async () => {
    const { services, caseId } = setup();
    const fields = { ...FIXTURES['extension-request'].fields, currentDueDate: '2027-02-30' };
    await expect(services.letters.render(caseId, 'extension-request', fields, ['pdf'])).rejects.toThrow(
      /Current deadline \(That date does not exist/,
    );
    const backwards = { ...FIXTURES['extension-request'].fields, requestedDate: '2027-01-01' };
    await expect(services.letters.render(caseId, 'extension-request', backwards, ['pdf'])).rejects.toThrow(
      /after the current deadline/,
    );
  });

  it(`refuses facts of more than ${LIMITS.letterCharacters.toLocaleString('en-GB')} characters together, before laying any out`, async () => {
    const { services, caseId } = setup();
    const half = 'Sam needs support. '.repeat(Math.ceil(LIMITS.letterCharacters / 2 / 19));
    const fields = {
      ...FIXTURES['extension-request'].fields,
      // Two long facts: neither is over on its own.
      childName: half,
      reason: [half],
    };
    const started = performance.now();
    const error = await services.letters
      .render(caseId, 'extension-request', fields, ['pdf'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      'The facts for “Request to extend time” come to more than 1 million characters (about 400 pages), more than one letter may hold. Keep the letter to what the tribunal needs to read, and add long evidence as documents of their own.',
    );
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it(`refuses a letter of more than ${LIMITS.textPages.toLocaleString('en-GB')} pages, counted before layout`, async () => {
    const { services, caseId } = setup();
    // Pasted lines, each short: within the characters a letter may hold, but thousands of pages.
    const fields = {
      ...FIXTURES['extension-request'].fields,
      reasons: 'ok\n'.repeat((LIMITS.textPages + 1) * BODY_LINES_PER_PAGE),
    };
    const started = performance.now();
    const error = await services.letters
      .render(caseId, 'extension-request', fields, ['docx', 'pdf'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(
      /^“Request to extend time” would run to at least 2,0\d\d pages, more than the 2,000 one letter may have\./,
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(readdirSync(services.ctx.paths.letters)).toEqual([]);
  });

  it('returns the missing facts through the API router as details', async () => {
    const { services, caseId } = setup();
    const router = createRouter(createHandlers(services), () => {});
    const result = await router.call('letters.render', {
      caseId,
      template: 'reasons-for-appeal',
      fields: { date: '2026-08-20' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    const missing = (result.error.details as { missing: { field: string }[] }).missing.map((m) => m.field);
    expect(missing).toEqual(
      expect.arrayContaining([
        'appellantName',
        'childName',
        'laName',
        'appealType',
        'decisionDate',
        'reasons',
        'orders',
      ]),
    );
  });
});

describe('reproducible letters', () => {
  it('gives the same bytes and one record for the same facts, and new files for new facts', async () => {
    const { services, caseId } = setup();
    const fields = FIXTURES['la-response'].fields;
    const first = await services.letters.render(caseId, 'la-response', fields, ['docx', 'pdf']);
    const bytes = first.files.map((f) => readFileSync(f.path));
    const again = await services.letters.render(caseId, 'la-response', { ...fields }, ['pdf', 'docx']);
    expect(again.id).toBe(first.id);
    for (const f of again.files) {
      const before = first.files.find((g) => g.format === f.format)!;
      expect(f.sha256).toBe(before.sha256);
      expect(readFileSync(f.path).equals(bytes[first.files.indexOf(before)])).toBe(true);
    }
    const changed = await services.letters.render(caseId, 'la-response', { ...fields, date: '2026-10-14' }, [
      'pdf',
    ]);
    expect(changed.id).not.toBe(first.id);
    expect(changed.files[0].sha256).not.toBe(first.files.find((f) => f.format === 'pdf')!.sha256);

    const list = services.letters.list(caseId);
    expect(list.map((l) => l.id)).toEqual([first.id, changed.id]);
    // The record keeps the facts, normalised: making the letter from them again gives the same files.
    const remade = await services.letters.render(caseId, 'la-response', list[0].fields, ['docx', 'pdf']);
    expect(remade.files.map((f) => f.sha256)).toEqual(first.files.map((f) => f.sha256));
    expect(list[0].fields).toMatchObject({ childName: CHILD, reasons: [expect.stringMatching(/section F/)] });
  });
});

describe('the letters offered for a case', () => {
  it('leave out the commissioners’ replies to recommendations where the appeal cannot be extended', () => {
    const { services } = setup();
    const ids = (caseId: number) => services.letters.templates(caseId).map((t) => t.id);
    const plan = services.cases.create({ title: 'Plan', role: 'la', appealType: 'contents-of-plan' }).id;
    const refusal = services.cases.create({
      title: 'Refusal',
      role: 'la',
      appealType: 'refusal-to-assess',
    }).id;
    expect(ids(plan)).toEqual(
      expect.arrayContaining(['health-commissioner-response', 'social-care-commissioner-response']),
    );
    expect(ids(refusal)).not.toContain('health-commissioner-response');
    expect(ids(refusal)).not.toContain('social-care-commissioner-response');
    expect(ids(refusal)).toContain('la-response');
    expect(() => services.letters.prefill(refusal, 'social-care-commissioner-response')).toThrow(
      /only in an extended appeal\. An appeal against a refusal to assess/,
    );
  });
});

describe('prefilling from the case', () => {
  it("lists in the LA's response only the LA's witnesses who will come to the hearing", () => {
    const { services, caseId } = setup();
    services.witnesses.save(caseId, undefined, { name: 'Ms Cole', role: 'SEN officer', party: 'la' });
    services.witnesses.save(caseId, undefined, { name: 'Mr Vance', party: 'la', attending: false });
    services.witnesses.save(caseId, undefined, { name: 'Dr Ray', party: 'appellant' });
    const pre = services.letters.prefill(caseId, 'la-response');
    expect(pre.fields.witnesses).toEqual([{ name: 'Ms Cole', role: 'SEN officer' }]);
  });

  it("warns, when the LA's response names more witnesses than the tribunal allows without permission", async () => {
    const { services, caseId } = setup();
    const fields = FIXTURES['la-response'].fields;
    const witnesses = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Witness ${i + 1}` }));
    const three = await services.letters.render(
      caseId,
      'la-response',
      { ...fields, witnesses: witnesses(3) },
      ['docx'],
    );
    expect(three.notes).toEqual([]);
    const four = await services.letters.render(
      caseId,
      'la-response',
      { ...fields, witnesses: witnesses(4) },
      ['docx'],
    );
    expect(four.notes).toEqual([
      "4 witnesses are listed; the usual limit is 3. More need the tribunal's permission: ask for it on form SEND7, saying why each witness is needed.",
    ]);
    // The letter is still made, and the warning stays with it.
    expect(four.files).toHaveLength(1);
    expect(services.letters.get(four.id).notes).toEqual(four.notes);
  });

  it('fills the commissioner response from the case, parties and recommendations', async () => {
    const { services, ctx, caseId } = setup();
    services.cases.saveParty(caseId, undefined, {
      kind: 'appellant',
      name: PARENT,
      address: '12 Acacia Avenue\nAnytown AN2 2BB',
    });
    services.cases.saveParty(caseId, undefined, {
      kind: 'health-commissioner',
      name: 'Dr Amal Haddad',
      organisation: 'NHS Anytown Integrated Care Board',
      roleTitle: 'Designated Clinical Officer',
      email: 'amal.haddad@example.nhs.uk',
    });
    const rec = services.recommendations.save(caseId, undefined, {
      area: 'health',
      text: 'Arrange a speech and language therapy assessment.',
      madeDate: '2026-11-02',
      decision: 'will-follow',
      responseText: formatResponseText({
        steps: [{ by: '2027-01-15', action: 'Refer to the community service' }],
      }),
    });
    services.recommendations.save(caseId, undefined, {
      area: 'social-care',
      text: 'Short breaks.',
      madeDate: '2026-11-02',
    });
    const pre = services.letters.prefill(caseId, 'health-commissioner-response');
    expect(pre.fields).toMatchObject({
      date: '2026-12-01',
      childName: CHILD,
      tribunalRef: REF,
      appellantName: PARENT,
      appellantAddress: ['12 Acacia Avenue', 'Anytown AN2 2BB'],
      commissionerOrganisation: 'NHS Anytown Integrated Care Board',
      officerName: 'Dr Amal Haddad',
      laName: 'Anytown Borough Council',
      decisionDate: '2026-11-02',
      recommendations: [
        {
          text: 'Arrange a speech and language therapy assessment.',
          decision: 'will-follow',
          steps: [{ by: '2027-01-15', action: 'Refer to the community service' }],
        },
      ],
    });
    expect(pre.missing).toEqual([]);
    const record = await services.letters.render(caseId, 'health-commissioner-response', {}, ['pdf'], {
      usePrefill: true,
    });
    const [text] = await pdfTexts(record.files[0].path);
    expect(normalise(text)).toContain('Refer to the community service');
    expect(rec.id).toBeGreaterThan(0);

    // Evidence for the parent's reasons comes from section C, with bundle pages once a bundle exists.
    const doc = await seedDocument(ctx, caseId, 'C', await makeTextPdf('EP report', 3), {
      title: 'Educational psychologist report',
      date: '2026-05-10',
    });
    ctx.db
      .prepare(
        `INSERT INTO bundles (case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack, numbering,
           plan, compliance_summary, verification) VALUES (?, 1, '2026-12-01', '2026-12-01', 212, 'x', 'x', 'send', 'continuous', ?, '{}', '{}')`,
      )
      .run(
        caseId,
        JSON.stringify({
          documents: [{ documentId: doc.id, firstLabel: 'C1', lastLabel: 'C3' }],
          meters: [
            { label: 'Core bundle (appeal papers)', party: null, limit: 100, pages: 124, status: 'over' },
            { label: "Appellant's evidence", party: 'appellant', limit: 100, pages: 110, status: 'over' },
            { label: "Local authority's evidence", party: 'la', limit: 100, pages: 130, status: 'over' },
          ],
        }),
      );
    expect(services.letters.prefill(caseId, 'reasons-for-appeal').fields).toMatchObject({
      evidence: [{ title: 'Educational psychologist report', date: '2026-05-10', pages: 'C1–C3' }],
    });
    // #13: the note is for the bundle as a whole; a party's own evidence over its limit is that party's
    // SEND7 request for permission (here the LA's own, as the case is the LA's).
    expect(services.letters.prefill(caseId, 'non-compliance-note')).toMatchObject({
      fields: {
        bundleVersion: '1',
        findings: [{ part: 'Core bundle (appeal papers)', limit: '100 pages', actual: '124 pages' }],
      },
      missing: ['officerName', 'findings[1].explanation'],
    });
    expect(
      (services.letters.prefill(caseId, 'non-compliance-note').fields.findings as unknown[]).length,
    ).toBe(1);
    expect(services.letters.prefill(caseId, 'extra-pages-request').fields).toMatchObject({
      part: "Local authority's evidence",
      limit: '100 pages',
      pagesAsked: '130 pages',
    });
    expect(services.letters.prefill(caseId, 'bundle-covering-letter').fields).toMatchObject({
      bundlePages: '212',
      includesNote: 'yes',
    });
  });
});

describe('the templates as the screens see them', () => {
  it('lists each template with plain-English questions for its facts', () => {
    const { services } = setup();
    const templates = services.letters.templates();
    expect(templates.map((t) => t.id)).toEqual([
      'health-commissioner-response',
      'social-care-commissioner-response',
      'reasons-for-appeal',
      'dd-claim-statement',
      'la-response',
      'dd-claim-response',
      'late-evidence-request',
      'extension-request',
      'extra-pages-request',
      'non-compliance-note',
      'bundle-covering-letter',
      'order-compliance-complaint',
    ]);
    for (const t of templates) {
      expect(t.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      for (const f of t.fields) {
        expect(f.question, `${t.id}.${f.name}`).toMatch(/\?$/);
        expect(['text', 'paragraphs', 'date', 'choice', 'list', 'records']).toContain(f.type);
        expect(typeof f.required).toBe('boolean');
        if (f.type === 'records') expect(f.itemFields?.length).toBeGreaterThan(0);
        if (f.type === 'choice') expect(f.options?.length).toBeGreaterThan(1);
      }
    }
    const health = templates.find((t) => t.id === 'health-commissioner-response')!;
    expect(health.fields.find((f) => f.name === 'childName')?.prefillFrom).toMatch(/child/);
  });
});

describe('document quality', () => {
  it('DOCX uses styles, real numbering and page-number fields', async () => {
    const { services, caseId } = setup();
    const record = await services.letters.render(
      caseId,
      'reasons-for-appeal',
      FIXTURES['reasons-for-appeal'].fields,
      ['docx'],
    );
    const { xml, zip } = await docxText(readFileSync(record.files[0].path));
    expect(xml).toContain('w:pStyle w:val="Title"');
    expect(xml).toContain('w:pStyle w:val="Heading1"');
    expect(xml).toMatch(/<w:numPr>/);
    const footer = await zip.file(/word\/footer\d*\.xml/)[0].async('string');
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('2026-08-20T12:00:00Z');
    // The Arabic name is marked right-to-left for Word.
    expect(xml).toMatch(/<w:rtl\/>[\s\S]*?محمد/);
  });

  it('PDF embeds the Unicode font and breaks long letters into numbered pages', async () => {
    const { services, caseId } = setup();
    const reasons = Array.from(
      { length: 40 },
      (_, i) =>
        `Point ${i + 1}: the evidence from the school shows that ${CHILD} needs more help than the plan gives.`,
    );
    const record = await services.letters.render(
      caseId,
      'reasons-for-appeal',
      { ...FIXTURES['reasons-for-appeal'].fields, reasons },
      ['pdf'],
    );
    const path = record.files[0].path;
    const [text] = await pdfTexts(path);
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(normalise(text)).toContain('Point 40:');
    if (spawnSync('pdffonts', ['-v']).error === undefined) {
      const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' });
      expect(fonts).toMatch(/DejaVuSans\s.*yes\s+yes/);
      expect(fonts).toMatch(/DejaVuSans-Bold\s.*yes\s+yes/);
    }
  });
});

const soffice = ['soffice', 'libreoffice'].find((cmd) => spawnSync(cmd, ['--version']).error === undefined);

describe('LibreOffice opens the DOCX', () => {
  it.skipIf(!soffice)(
    `converts a generated DOCX to PDF with soffice --headless${soffice ? '' : ' (skipped: LibreOffice is not installed here)'}`,
    async () => {
      const { services, caseId } = setup();
      const record = await services.letters.render(
        caseId,
        'health-commissioner-response',
        FIXTURES['health-commissioner-response'].fields,
        ['docx'],
      );
      const out = mkdtempSync(join(tmpdir(), 'letters-soffice-'));
      try {
        const result = spawnSync(
          soffice!,
          [
            '--headless',
            `-env:UserInstallation=file://${out}/profile`,
            '--convert-to',
            'pdf',
            '--outdir',
            out,
            record.files[0].path,
          ],
          { encoding: 'utf8', timeout: 120_000 },
        );
        expect(result.status, result.stderr).toBe(0);
        const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'));
        expect(pdf).toBeDefined();
        const [text] = await pdfTexts(join(out, pdf!));
        expect(normalise(text)).toContain(PARENT);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    150_000,
  );
});

it('has fixtures for every template', async () => {
  const { services } = setup();
  expect(Object.keys(FIXTURES).sort()).toEqual(
    services.letters
      .templates()
      .map((t) => t.id)
      .sort(),
  );
  expect(existsSync(services.ctx.paths.letters)).toBe(true);
});
