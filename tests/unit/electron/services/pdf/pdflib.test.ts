/**
 * The import's last-resort repair, which copies every page into a new document, keeps what changes what
 * the pages show: a layer its author hid stays hidden, and a form that asked readers to draw its fields
 * shows its answers. Poppler's pdftotext, which honours layers and reads what is drawn, is the judge.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import {
  destroyedPages,
  recoverComplete,
  resaveByCopyingPages,
  resaveWhole,
  resaveWithRebuiltPageTree,
  resaveWithRebuiltPageTreeByCopyingPages,
  withoutEncryptedAttachments,
  withReadableTrailers,
  withReadableVersion,
} from '../../../../../electron/services/pdf/pdflib';
import {
  attachmentOnlyEncryptedPdf,
  destroyedPagesPdf,
  mixedTreePdf,
  untidyTreePdf,
  untypedCatalogPdf,
  untypedPagesPdf,
  untypedTreeAndBrokenObjectPdf,
  unreadableObjectStreamPdf,
} from '../../../../helpers/damage';
import { filledForm } from '../../../../helpers/forms';
import { layeredPdf } from '../../../../helpers/layers';
import { HELVETICA, rawPdf, textContent } from '../../../../helpers/rawPdf';

const dir = mkdtempSync(join(tmpdir(), 'pdflib-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function text(pdf: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, pdf);
  // Poppler's complaints about destroyed pages (stderr) are not the test's output.
  return execFileSync('pdftotext', ['-layout', path, '-'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

describe('resaveByCopyingPages', () => {
  it('keeps hidden layers hidden and shown ones shown', async () => {
    const original = await layeredPdf();
    const before = text(original, 'layers-before.pdf');
    const after = text(await resaveByCopyingPages(original), 'layers-after.pdf');
    for (const seen of [before, after]) {
      expect(seen).toContain('Base text of the report');
      expect(seen).toContain('Signed by the educational psychologist');
      expect(seen).not.toContain('DRAFT NOTE');
      expect(seen).not.toContain('OPTION B');
    }
  });

  it("draws a form's answers where the form asked readers to draw them", async () => {
    const after = text(
      await resaveByCopyingPages(await filledForm('Parental views', true)),
      'form-after.pdf',
    );
    expect(after).toContain('Anytown Primary, Year 4');
    expect(after).toContain('Autism');
  });
});

describe('resaveWithRebuiltPageTree', () => {
  it('keeps the pages whose /Type is missing or garbled, in their places, as readers show them', async () => {
    const original = untypedPagesPdf();
    const pages = [
      'The first page, typed',
      'The second page, with no type',
      'The third page, its type garbled',
      'The fourth page, the name of its type garbled',
    ];
    const before = text(original, 'untyped-before.pdf');
    for (const line of pages) expect(before).toContain(line);
    expect((await PDFDocument.load(original)).getPageCount()).toBe(1);
    const rebuilt = await resaveWithRebuiltPageTree(original);
    expect((await PDFDocument.load(rebuilt)).getPageCount()).toBe(4);
    const after = text(rebuilt, 'untyped-after.pdf').split('\f');
    pages.forEach((line, i) => expect(after[i]).toContain(line));
  });

  it('keeps the reading order where a node lists a subtree and then a page of its own', async () => {
    const pages = ['Page one', 'Page two', 'Page three'];
    const original = mixedTreePdf();
    const before = text(original, 'mixed-before.pdf').split('\f');
    pages.forEach((line, i) => expect(before[i]).toContain(line));
    const after = text(await resaveWithRebuiltPageTree(original), 'mixed-after.pdf').split('\f');
    pages.forEach((line, i) => expect(after[i]).toContain(line));
  });
});

describe('resaveWithRebuiltPageTreeByCopyingPages', () => {
  it('mends a garbled page tree and leaves behind a broken object only the catalog points at', async () => {
    const original = untypedTreeAndBrokenObjectPdf();
    const pages = ['The first page, under a garbled page tree', 'The second page, under a garbled page tree'];
    const before = text(original, 'tree-and-object-before.pdf').split('\f');
    pages.forEach((line, i) => expect(before[i]).toContain(line));
    // Each repair alone: a strict parse refuses what the first keeps, and the second finds no pages.
    await expect(
      PDFDocument.load(await resaveWithRebuiltPageTree(original), { throwOnInvalidObject: true }),
    ).rejects.toThrow();
    await expect(resaveByCopyingPages(original)).rejects.toThrow();
    const repaired = await resaveWithRebuiltPageTreeByCopyingPages(original);
    const doc = await PDFDocument.load(repaired, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(2);
    const after = text(repaired, 'tree-and-object-after.pdf').split('\f');
    pages.forEach((line, i) => expect(after[i]).toContain(line));
  });
});

describe('resaveWhole', () => {
  // Bytes zeroed between page 2's "/Rf <<" and the next object's "stream": the dictionary runs into the
  // stream. pdf-lib read the stream as a value in the page and wrote it back so; qpdf and poppler then read
  // page 2 as null, pdf.js could not draw it, and every build of the bundle counted a page fewer.
  it('writes a stream that damage put inside a dictionary as its dictionary, so page 2 stays a page', async () => {
    const damaged = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${HELVETICA} >> >> /Contents 4 0 R >>`,
        { dict: '<< >>', stream: textContent(['Page one of the decision']) },
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rf << /Type /ObjStm /N 2 /First 10 /Length 9 >>\nstream\n123456789\nendstream\n>>',
      ],
      '/Root 1 0 R',
    );
    const resaved = await resaveWhole(damaged);
    const path = join(dir, 'nested-stream.pdf');
    writeFileSync(path, resaved);
    // qpdf reads both pages as pages (it warned that object 5 was null, and counted it a page that is not one).
    const check = execFileSync('qpdf', ['--check', path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(check).toMatch(/No syntax or stream encoding errors found/);
    expect(execFileSync('qpdf', ['--show-npages', path], { encoding: 'utf8' }).trim()).toBe('2');
    expect((await PDFDocument.load(resaved)).getPageCount()).toBe(2);
    expect(text(resaved, 'nested-stream-text.pdf')).toContain('Page one of the decision');
  });
});

describe('destroyedPages', () => {
  it('finds the pages whose page objects are destroyed, where poppler still shows the others', async () => {
    for (const destroyed of [[1], [2], [1, 3]]) {
      const pdf = destroyedPagesPdf(destroyed);
      const shown = text(pdf, 'destroyed.pdf');
      for (const [i, line] of ['Page one', 'Page two', 'Page three'].entries())
        if (destroyed.includes(i + 1)) expect(shown).not.toContain(line);
        else expect(shown).toContain(line);
      expect(await destroyedPages(pdf)).toEqual({ pages: 3, destroyed });
    }
  });

  it('finds none in a whole file, in a tree with nulls and a non-page among its kids, or in no PDF', async () => {
    expect(await destroyedPages(destroyedPagesPdf([]))).toBeNull();
    expect(await destroyedPages(mixedTreePdf())).toBeNull();
    expect(await destroyedPages(untidyTreePdf())).toBeNull();
    expect(await destroyedPages(new TextEncoder().encode('not a PDF'))).toBeNull();
  });
});

describe('a catalog whose /Type is missing or garbled', () => {
  const pages = ['The first page, under an untyped catalog', 'The second page, under an untyped catalog'];
  it.each([
    ['garbled', '/Type /Cbtalog '],
    ['missing', ''],
    ['with a garbled key', '/Tzpe /Catalog '],
  ])('is given its type by every repair (%s)', async (_kind, type) => {
    const original = untypedCatalogPdf(type);
    const before = text(original, 'catalog-before.pdf').split('\f');
    pages.forEach((line, i) => expect(before[i]).toContain(line));
    await expect(PDFDocument.load(original).then((doc) => doc.getPageCount())).rejects.toThrow();
    for (const repair of [resaveWhole, resaveWithRebuiltPageTree, resaveByCopyingPages, recoverComplete]) {
      const repaired = await repair(original);
      const doc = await PDFDocument.load(repaired, { throwOnInvalidObject: true });
      expect(doc.getPageCount()).toBe(2);
      const after = text(repaired, 'catalog-after.pdf').split('\f');
      pages.forEach((line, i) => expect(after[i]).toContain(line));
    }
  });
});

describe('recoverComplete', () => {
  // A changed byte in one of pdf.js's test files (zero_descent.pdf, fuzz --base seed 1) damaged an object
  // stream no page uses, and another its cross-reference stream: pdf.js could not open it, and pdf-lib's
  // recovery wrote the unreadable stream out as it was, so its copy failed the strict check and the file
  // was refused, though its one page was whole.
  it('leaves out an object stream it cannot read, which no page uses', async () => {
    const original = unreadableObjectStreamPdf();
    const repaired = await recoverComplete(original);
    const doc = await PDFDocument.load(repaired, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(1);
    expect(Buffer.from(repaired).toString('latin1')).not.toContain('/ObjStm');
    expect(text(repaired, 'objstm-after.pdf')).toContain('A page beside a damaged object stream');
  });

  // Fuzz seed 60 damaged qpdf's annotations-rotated-180.pdf so: its tree root's /Type garbled and its
  // attached file's object unreadable. The page, which draws neither, was refused with the file.
  it('keeps a page whose attached file it cannot read, leaving the file out, under a tree root whose type is garbled', async () => {
    const original = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Page\x13 /Kids [3 0 R] /Count 1 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots [6 0 R] >>`,
        { dict: '<< >>', stream: textContent(['A page with a note attached']) },
        HELVETICA,
        '<< /Type /Annot /Subtype /FileAttachment /Rect [10 10 30 30] /FS << /Type /Filespec /F (notes.txt) /EF << /F 7 0 R >> >> >>',
        '<< /Type /EmbeddedFile ] /Length 3 >>',
      ],
      '/Root 1 0 R',
    );
    const repaired = await recoverComplete(original);
    const doc = await PDFDocument.load(repaired, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(1);
    expect(text(repaired, 'attached-after.pdf')).toContain('A page with a note attached');
  });

  // Fuzz seed 65: a stretch of qpdf's 11-pages-with-labels.pdf written twice, from inside page 5's object
  // to just inside page 10's, whose first copy it cut into. The file's table still points at that first,
  // cut copy; poppler and pdf.js rebuild the table and take the whole one after it. Refused before.
  it('takes the whole copy of an object a stretch written twice cut into, as poppler and pdf.js do', async () => {
    const pages = [1, 2, 3, 4, 5].map((n) => `Page ${n} of five`);
    const original = Buffer.from(
      rawPdf(
        [
          '<< /Type /Catalog /Pages 2 0 R >>',
          '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R 6 0 R 7 0 R] /Count 5 >>',
          ...pages.map(
            (_, i) =>
              `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 13 0 R >> >> /Contents ${8 + i} 0 R >>`,
          ),
          ...pages.map((line) => ({ dict: '<< >>', stream: textContent([line]) })),
          HELVETICA,
        ],
        '/Root 1 0 R',
      ),
    );
    const from = original.indexOf('/MediaBox', original.indexOf('4 0 obj'));
    const to = original.indexOf('6 0 obj') + '6 0 obj\n<'.length;
    const damaged = Buffer.concat([
      original.subarray(0, to),
      original.subarray(from, to),
      original.subarray(to),
    ]);
    const repaired = await recoverComplete(damaged);
    const doc = await PDFDocument.load(repaired, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(5);
    const after = text(repaired, 'twice-after.pdf').split('\f');
    pages.forEach((line, i) => expect(after[i]).toContain(line));
  });

  it('refuses a file whose page uses an object it cannot read', async () => {
    await expect(recoverComplete(unreadableObjectStreamPdf(true))).rejects.toThrow(
      'a page has lost something it uses',
    );
  });
});

describe('withoutEncryptedAttachments', () => {
  it('leaves out the password-protected attachment, and the document reads without a password', async () => {
    const cleared = await withoutEncryptedAttachments(attachmentOnlyEncryptedPdf());
    expect(cleared?.attachments).toEqual(['minutes.docx']);
    const doc = await PDFDocument.load(cleared!.pdf, { throwOnInvalidObject: true });
    expect(doc.isEncrypted).toBe(false);
    expect(text(cleared!.pdf, 'attachment-cleared.pdf')).toContain(
      'A letter with a password-protected attachment',
    );
  });

  // A cut in pdf.js's auth-event-ef-open.pdf (fuzz --base seed 5) damaged the attachment's stream: the
  // copy without it kept the unreadable stream as it was, failed the strict check, and the file was refused
  // as password-protected, though the document itself was whole.
  it('leaves out an attachment so damaged that it cannot be read', async () => {
    const cleared = await withoutEncryptedAttachments(attachmentOnlyEncryptedPdf(true));
    expect(cleared?.attachments).toEqual(['minutes.docx']);
    const doc = await PDFDocument.load(cleared!.pdf, { throwOnInvalidObject: true });
    expect(doc.getPageCount()).toBe(1);
  });
});

describe('withReadableVersion', () => {
  const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

  it('reads a garbled version as 1.7, in place, so that no offset moves', () => {
    for (const garbled of ['%PDF-1.\x8d7\n1 0 obj', '%PDF-\x00.4\r\n%\xe2\xe3', '%PDF-1.X %comment']) {
      const fixed = withReadableVersion(latin1(garbled));
      expect(fixed.length).toBe(garbled.length);
      expect(text(fixed)).toMatch(/^%PDF-1\.7 *[\r\n%]/);
      // After the version, every byte as it was.
      const rest = (t: string) => t.slice(5).slice(t.slice(5).search(/[\r\n%]/));
      expect(rest(text(fixed))).toBe(rest(garbled));
    }
  });

  it('leaves a version that reads, a header too short to write over, and no header alone', () => {
    for (const same of ['%PDF-1.4\n', '%PDF-2.0 %\xe2', '%PDF-1.\n', 'not a PDF at all']) {
      const bytes = latin1(same);
      expect(withReadableVersion(bytes)).toBe(bytes);
    }
  });

  it('lets every repair read a file whose version is garbled', async () => {
    const original = untypedCatalogPdf('/Type /Catalog ');
    original[7] = 0x8d; // %PDF-1.7 -> %PDF-1.\x8d
    await expect(PDFDocument.load(original)).rejects.toThrow();
    for (const repair of [resaveWhole, resaveWithRebuiltPageTree, resaveByCopyingPages, recoverComplete])
      expect((await PDFDocument.load(await repair(original))).getPageCount()).toBe(2);
  });
});

describe('withReadableTrailers', () => {
  const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
  const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  const trailer = (dict: string) => `1 0 obj\n<< >>\nendobj\ntrailer\n${dict}\nstartxref\n0\n%%EOF\n`;

  it('blanks out, in place, a trailer /Size that is not a number', () => {
    for (const [dict, blanked] of [
      ['<< /Size 1 0 R >>', '/Size 1 0 R'],
      ['<< /Size 1 0 R /Root 1 0 R >>', '/Size 1 0 R'],
      ['<</Size/Catalog/Root 1 0 R>>', '/Size/Catalog'],
      ['<< /Root 1 0 R /Size (12) >>', '/Size (12)'],
      ['<< /Size [1 2] /Root 1 0 R >>', '/Size [1 2]'],
      ['<< /Size << /A 1 >> /Root 1 0 R >>', '/Size << /A 1 >>'],
      ['<< /Root 1 0 R /Size >>', '/Size'],
    ]) {
      const fixed = text(withReadableTrailers(latin1(trailer(dict))));
      expect(fixed).toBe(trailer(dict.replace(blanked, ' '.repeat(blanked.length))));
    }
  });

  it('leaves sizes that are numbers, and a /Size in a dictionary of the trailer, as they are', () => {
    for (const dict of [
      '<< /Size 12 /Root 1 0 R >>',
      '<< /Size 12.0 /Root 1 0 R >>',
      '<< /Size 3\n/Prev 0 >>',
      '<< /Encrypt << /Size 1 0 R >> /Size 4 >>',
    ]) {
      const bytes = latin1(trailer(dict));
      expect(withReadableTrailers(bytes)).toBe(bytes);
    }
  });

  it('lets every repair read past such a trailer to the pages, as pdf.js does', async () => {
    const good = rawPdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>',
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 ${HELVETICA} >> >> >>`,
        { dict: '<< >>', stream: textContent(['First page']) },
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 ${HELVETICA} >> >> >>`,
        { dict: '<< >>', stream: textContent(['Second page']) },
      ],
      '/Root 1 0 R',
    );
    // Bytes copied over the file's middle: a trailer of an earlier section, its /Size a reference.
    const at = Buffer.from(good).indexOf('3 0 obj');
    const damaged = new Uint8Array(
      Buffer.concat([good.subarray(0, at), Buffer.from('trailer\n<< /Size 1 0 R >>\n'), good.subarray(at)]),
    );
    await expect(PDFDocument.load(damaged)).rejects.toThrow(/PDFNumber/);
    for (const repair of [resaveWhole, resaveWithRebuiltPageTree, resaveByCopyingPages, recoverComplete]) {
      const repaired = await repair(damaged);
      expect((await PDFDocument.load(repaired)).getPageCount()).toBe(2);
      expect(text(repaired)).not.toContain('/Size 1 0 R');
    }
  });
});
