/**
 * The checker names pages with words marked for redaction and never redacted (a redaction annotation
 * left on the page: the marks saved without being applied), and none in a bundle the app built; and notes
 * pages with comments whose words show only when opened, and pages an edit saved by appending left
 * earlier versions of.
 */
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { buildEngineBundle, type BuiltBundle } from '../../../../helpers/checkerBundles';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { PdfDict, PdfName, PdfRef } from '../../../../../electron/services/pdf/read/objects';
import { withUpdate } from '../../../../helpers/rawPdf';

describe('checker: words marked for redaction, never redacted', () => {
  let bundle: BuiltBundle;

  beforeAll(async () => {
    bundle = await buildEngineBundle({
      documents: [
        ['A', 'Appeal form', 3, 'appeal-form'],
        ['C', 'Social care assessment', 12, 'other'],
      ],
    });
  });

  it('finds none in a bundle the app built', async () => {
    const result = await checkPdf(bundle.bytes, { rules: 'send', fileName: 'bundle.pdf' });
    expect(result.findings.filter((f) => f.code === 'redaction-marks')).toEqual([]);
  });

  it('names the pages with marks left on them, and not pages with other comments', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    const annotate = (n: number, subtype: string) => {
      const page = doc.getPage(n - 1);
      const annot = doc.context.register(
        doc.context.obj({ Type: 'Annot', Subtype: subtype, Rect: [100, 300, 300, 316] }),
      );
      const annots = page.node.Annots();
      if (annots) annots.push(annot);
      else page.node.set(PDFName.of('Annots'), doc.context.obj([annot]));
    };
    const marked = [4, doc.getPageCount() - 1];
    for (const n of marked) annotate(n, 'Redact');
    annotate(7, 'Square');
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'redaction-marks');
    expect(finding?.pages).toEqual(marked);
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('marked for redaction that were never redacted');
  });

  it('notes pages with comments whose words show only when opened', async () => {
    const doc = await PDFDocument.load(bundle.bytes);
    const page = doc.getPage(5);
    const note = doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [100, 300, 120, 320],
        Contents: PDFString.of('Check this'),
      }),
    );
    page.node.set(PDFName.of('Annots'), doc.context.obj([note, note]));
    const result = await checkPdf(await doc.save(), { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'comments');
    expect(finding?.pages).toEqual([6]);
    expect(finding?.severity).toBe('note');
    expect(finding?.message).toContain('Page 6 has 2 comments added in a PDF reader');
    expect(finding?.message).not.toContain('Check this');
  });
});

describe('checker: pages whose earlier versions are still in the file', () => {
  it('finds none in a bundle the app built (its identity line is appended to the pages), and names a page edited by appending', async () => {
    const bundle = await buildEngineBundle({ documents: [['C', 'Report', 6, 'other']] });
    const clean = await checkPdf(bundle.bytes, { rules: 'send', fileName: 'bundle.pdf' });
    expect(clean.findings.filter((f) => f.code === 'earlier-versions')).toEqual([]);
    // The form page 4 draws its document's page with, written again without its words (an editor's
    // change saved by appending).
    const file = PdfFile.open({ bytes: bundle.bytes });
    const xobjects = file.reader.getDict(file.pages[3].resources, 'XObject');
    const form = [...(xobjects?.map.values() ?? [])].find(
      (value) =>
        value instanceof PdfRef &&
        file.reader.get(file.reader.resolve(value) as PdfDict, 'Subtype') instanceof PdfName &&
        (file.reader.get(file.reader.resolve(value) as PdfDict, 'Subtype') as PdfName).name === 'Form',
    );
    file.close();
    if (!(form instanceof PdfRef)) throw new Error('page 4 draws no form');
    const root = /\/Root (\d+) 0 R/.exec(Buffer.from(bundle.bytes).toString('latin1').slice(-600))![1];
    const edited = withUpdate(
      bundle.bytes,
      { [form.num]: { dict: '<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] >>', stream: '' } },
      `/Root ${root} 0 R`,
    );
    const result = await checkPdf(edited, { rules: 'send', fileName: 'bundle.pdf' });
    const finding = result.findings.find((f) => f.code === 'earlier-versions');
    expect(finding?.pages).toEqual([4]);
    expect(finding?.severity).toBe('warning');
  });
});
