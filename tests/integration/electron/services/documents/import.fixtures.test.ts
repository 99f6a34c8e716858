/**
 * Every third-party PDF in the shared fixtures goes through the import service, and each outcome is
 * asserted: accepted with the page count independent readers give (see the fixtures' README, which
 * lists pdfinfo's numbers), or refused with the right code. Accepted files are re-checked with poppler
 * where installed; refused files must leave the case and the store exactly as they were.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DocumentRecord,
  ImportOutcome,
  ImportRefusalCode,
} from '../../../../../shared/domain/documents';
import { FIXTURES, tempServices } from '../../../../helpers/context';
import {
  documentProblems,
  HAS_PDFINFO,
  HAS_QPDF,
  pdfinfoPages,
  storeFiles,
} from '../../../../helpers/importChecks';

type Expected =
  | {
      pages: number;
      conversion: DocumentRecord['conversion'];
      /** Pages whose content is damaged, which the import notes name (none when not given). */
      damaged?: string;
    }
  | { refused: ImportRefusalCode };

/**
 * What each fixture should give. Where the README has no page count (pdfinfo could not open the file),
 * the comment says why the expectation is what it is.
 */
const EXPECTED: Record<string, Expected> = {
  // Need a password to open (pdfinfo and qpdf: "invalid password").
  'encrypted/pdflib-encrypted_new.pdf': { refused: 'password-protected' },
  'encrypted/pdflib-encrypted_old.pdf': { refused: 'password-protected' },
  'encrypted/qpdf-20-pages.pdf': { refused: 'password-protected' },
  'encrypted/qpdf-encrypted-40-bit-R3.pdf': { refused: 'password-protected' },
  // Owner password only (opens without one): decrypted.
  'encrypted/qpdf-V4-aes.pdf': { pages: 30, conversion: 'decrypted' },
  // Its encryption dictionary is malformed: pdf.js and poppler ask for a password, but qpdf opens it with
  // the empty user password and decrypts it (1 page, "Potato"). Without qpdf it must be refused.
  'encrypted/qpdf-bad-encryption-length.pdf': HAS_QPDF
    ? { pages: 1, conversion: 'decrypted' }
    : { refused: 'password-protected' },
  'encrypted/qpdf-c-decrypt-R6-with-owner.pdf': { pages: 30, conversion: 'none' },

  // pdfinfo cannot open it, but pdf.js (and pdf-lib) find its catalog: one page, re-saved.
  'malformed/pdflib-invalid_root_ref.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/pdflib-missing_endobj_keyword.pdf': { pages: 1, conversion: 'none' },
  // No trailer and no cross-reference table: pdf.js, pdfinfo and qpdf all fail, but every object is there
  // and read directly ("This is a PDF 2.0 document"): repaired.
  'malformed/pdflib-missing_xref_trailer_dict.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/pdflib-with_invalid_objects.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/pdflib-with_invalid_stream_EOL.pdf': { pages: 2, conversion: 'none' },
  'malformed/qpdf-append-xref-loop.pdf': { pages: 30, conversion: 'repaired' },
  'malformed/qpdf-bad-xref.pdf': { pages: 1, conversion: 'repaired' },
  // Five bytes of text ("oops"): not a PDF at all, whatever its name.
  'malformed/qpdf-bad1.pdf': { refused: 'unsupported-type' },
  // pdf-lib cannot parse its trailer; only qpdf's repair gets a clean file out of it.
  'malformed/qpdf-bad10.pdf': HAS_QPDF ? { pages: 1, conversion: 'repaired' } : { refused: 'damaged' },
  'malformed/qpdf-bad2.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/qpdf-bad3.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/qpdf-bad4.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/qpdf-bad5.pdf': { pages: 1, conversion: 'repaired' },
  // Its cross-reference table is right; a missing "endobj" is something every reader shrugs off.
  'malformed/qpdf-bad6.pdf': { pages: 1, conversion: 'none' },
  // Trailer missing: pdf.js, pdfinfo and qpdf all fail; its objects are all there ("Potato"): repaired.
  'malformed/qpdf-bad7.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/qpdf-bad8.pdf': { pages: 1, conversion: 'repaired' },
  'malformed/qpdf-bad9.pdf': { pages: 1, conversion: 'repaired' },
  // Damaged content streams, sound structure: kept as they are (readers show what they can).
  // qpdf: "LZWDecoder: bad code received"; readers show the page blank, and the user is told.
  'malformed/qpdf-broken-lzw.pdf': { pages: 1, conversion: 'none', damaged: 'Page 1 is' },
  'malformed/qpdf-damaged-stream.pdf': { pages: 1, conversion: 'none' },
  'malformed/qpdf-empty.pdf': { refused: 'no-pages' },

  'structure/pdflib-linearized_with_object_streams.pdf': { pages: 206, conversion: 'none' },
  'structure/pdflib-stuff_following_header.pdf': { pages: 1, conversion: 'none' },
  'structure/pdflib-with_null_parent_entry.pdf': { pages: 1, conversion: 'none' },
  'structure/pdflib-with_update_sections.pdf': { pages: 1, conversion: 'none' },
  'structure/pdflib-with_viewer_prefs.pdf': { pages: 5, conversion: 'none' },
  'structure/qpdf-11-pages-with-labels.pdf': { pages: 11, conversion: 'none' },
  'structure/qpdf-annotations-rotated-180.pdf': { pages: 1, conversion: 'none' },
  'structure/qpdf-annotations-rotated-270.pdf': { pages: 1, conversion: 'none' },
  'structure/qpdf-annotations-rotated-90.pdf': { pages: 1, conversion: 'none' },
  // pdfinfo says "1 page" of size 0 x 0 and "Loop in Pages tree": the page tree's last node lists itself
  // as its only kid. poppler and qpdf open the file (issue #10: readable means imported); the one page
  // object it holds (a blank US Letter page) is put back in a rebuilt page tree.
  'structure/qpdf-deep-pages.pdf': { pages: 1, conversion: 'repaired' },
  'structure/qpdf-direct-outlines.pdf': { pages: 30, conversion: 'none' },
  'structure/qpdf-duplicate-pages.pdf': { pages: 7, conversion: 'none' },

  'valid/pdflib-dod_character.pdf': { pages: 1, conversion: 'none' },
  'valid/pdflib-fancy_fields.pdf': { pages: 1, conversion: 'none' },
  'valid/pdflib-normal.pdf': { pages: 2, conversion: 'none' },
  'valid/pdflib-standard_fonts_demo.pdf': { pages: 5, conversion: 'none' },
  'valid/pdflib-us_constitution.pdf': { pages: 19, conversion: 'none' },
  'valid/pdflib-with_annots.pdf': { pages: 2, conversion: 'none' },
  'valid/pdflib-with_comments.pdf': { pages: 1, conversion: 'none' },
  'valid/pdflib-with_cropbox.pdf': { pages: 2, conversion: 'none' },
  'valid/pdflib-with_signature.pdf': { pages: 1, conversion: 'none' },
};

const onDisk = ['encrypted', 'malformed', 'structure', 'valid'].flatMap((dir) =>
  readdirSync(join(FIXTURES, dir))
    .filter((name) => name.toLowerCase().endsWith('.pdf'))
    .map((name) => `${dir}/${name}`),
);

describe('importing every shared fixture PDF', () => {
  let t: ReturnType<typeof tempServices>;
  let caseId: number;
  beforeAll(() => {
    t = tempServices();
    caseId = t.services.cases.create({
      title: 'Fixtures',
      role: 'parent',
      appealType: 'contents-of-plan',
    }).id;
  });
  afterAll(() => t.dispose());

  it('has an expectation for every fixture file, and a file for every expectation', () => {
    expect(onDisk.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // Import puts every page through a trial bundle read back by pdf.js (issue #10's pre-flight): the 206-page
  // fixture takes about 15 s of CPU, which on a loaded shared machine is more than a minute of wall time.
  it.each(onDisk)('%s', { timeout: 180_000 }, async (relative) => {
    const expected = EXPECTED[relative];
    const name = relative.split('/')[1];
    const rowsBefore = t.services.documents.list(caseId).length;
    const filesBefore = storeFiles(t.ctx.store);

    const outcomes = await t.services.documents.import({
      caseId,
      section: 'C',
      files: [{ name, path: join(FIXTURES, relative) }],
    });
    expect(outcomes).toHaveLength(1);
    const outcome: ImportOutcome = outcomes[0];

    if ('refused' in expected) {
      expect(outcome).toMatchObject({ file: name, status: 'refused', code: expected.refused });
      if (outcome.status === 'refused') expect(outcome.reason).toContain(`"${name}"`);
      expect(t.services.documents.list(caseId)).toHaveLength(rowsBefore);
      expect(storeFiles(t.ctx.store)).toEqual(filesBefore);
      return;
    }

    expect(outcome).toMatchObject({
      file: name,
      status: 'imported',
      pageCount: expected.pages,
      conversion: expected.conversion,
    });
    if (outcome.status !== 'imported') return;
    const doc = t.services.documents.get(outcome.documentId);
    expect(doc.pageCount).toBe(expected.pages);
    expect(doc.pageSizes).toHaveLength(expected.pages);
    expect(doc.originalName).toBe(name);
    expect(doc.conversion).toBe(expected.conversion);
    const damage = doc.importNotes.filter((n) => / damaged: part of what/.test(n));
    expect(damage.map((n) => n.slice(0, n.indexOf(' damaged')))).toEqual(
      expected.damaged ? [expected.damaged] : [],
    );
    expect(outcome.notes).toEqual(doc.importNotes);
    if (expected.conversion === 'none') expect(doc.sha256).toBe(doc.originalSha256);
    else expect(doc.sha256).not.toBe(doc.originalSha256);
    expect(documentProblems(t.ctx.db, t.ctx.store)).toEqual([]);
    expect(storeFiles(t.ctx.store).filter((f) => f.startsWith('tmp/'))).toEqual([]);
    // An independent reader agrees with the page count of the file bundles will be built from.
    if (HAS_PDFINFO) expect(pdfinfoPages(t.ctx.store.pdfPath(doc.sha256))).toBe(expected.pages);
  });
});
