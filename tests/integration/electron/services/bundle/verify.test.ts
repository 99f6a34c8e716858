/**
 * The build's verification, on bundles broken on purpose after they were written: each kind of break is
 * caught by the check that owns it, and a good bundle passes (with pdf.js reading a sample of pages, or
 * every page when asked).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fingerprintAfterUpdate,
  fingerprintOf,
  readContentFingerprint,
  readContentFingerprintIn,
  readContentFingerprintShared,
  type ContentFingerprint,
} from '../../../../../electron/services/bundle/identity';
import { samplePages, verifyBundle } from '../../../../../electron/services/bundle/verify';
import { PdfFile } from '../../../../../electron/services/pdf/read';
import { PdfRef, PdfStream } from '../../../../../electron/services/pdf/read/objects';
import { PageTextReader } from '../../../../../electron/services/pdf/read/text';
import type { BundlePlan, VerificationResult } from '../../../../../shared/bundle/types';
import { tempServices } from '../../../../helpers/context';
import { makeTextPdf, seedDocument } from '../../../../helpers/seed';

/** A one-page PDF whose own text uses the font resource name the engine gives its stamps (/SBNum). */
function pageUsingStampFontName(): Uint8Array {
  const content = 'BT /SBNum 14 Tf 60 760 Td (A page from an earlier bundle) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /SBNum 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

let dir: string;
let env: ReturnType<typeof tempServices>;
let plan: BundlePlan;
let good: Uint8Array;
/** The fingerprint the engine printed on the good bundle. */
let printed: string;
/** 0-based page of the document whose own text uses /SBNum. */
let earlierBundlePage: number;
/** One pdf.js worker for every verification here. */
let text: PageTextReader;

beforeAll(async () => {
  text = PageTextReader.start();
  dir = mkdtempSync(join(tmpdir(), 'bundle-verify-'));
  env = tempServices();
  const c = env.services.cases.create({
    title: 'Verification case',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Sam Example',
    laName: 'Example Council',
  });
  const add = async (section: string, title: string, bytes: Uint8Array) =>
    seedDocument(env.ctx, c.id, section, bytes, { title, date: '2026-01-15' });
  await add('A', 'Appeal form', await makeTextPdf('Appeal form', 3));
  await add('A', 'Decision letter', await makeTextPdf('Decision letter', 2));
  await add('B', 'EHC plan', await makeTextPdf('EHC plan', 5));
  await add('C', 'Letter from an earlier bundle', pageUsingStampFontName());
  await add('D', 'Rotated report', await makeTextPdf('Rotated report', 2, { rotate: 90 }));
  const version = await env.services.bundle.build(c.id, {
    numbering: 'section',
    dividers: true,
    compiledDate: '2026-03-01',
  });
  expect(version.verification.ok).toBe(true);
  plan = env.services.bundle.versionPlan(c.id, version.version);
  good = new Uint8Array(readFileSync(version.path));
  printed = version.fingerprint!;
  earlierBundlePage = plan.documents.find((d) => d.title === 'Letter from an earlier bundle')!.firstPage;
});

afterAll(async () => {
  await text.close();
  env.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let written = 0;
async function verifyBytes(bytes: Uint8Array, depth?: 'full'): Promise<VerificationResult> {
  const path = join(dir, `bundle-${written++}.pdf`);
  writeFileSync(path, bytes);
  return verifyBundle(path, plan, { depth, text });
}

async function edit(change: (doc: PDFDocument) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(good, { updateMetadata: false });
  change(doc);
  return doc.save({ useObjectStreams: false });
}

function failing(result: VerificationResult): Record<string, string[]> {
  return Object.fromEntries(result.checks.filter((c) => !c.ok).map((c) => [c.name, c.problems]));
}

/** The page's content streams (the stamp is the last). */
function contents(doc: PDFDocument, page: number): PDFArray {
  const value = doc.getPage(page).node.Contents();
  if (!(value instanceof PDFArray)) throw new Error('expected an array of content streams');
  return value;
}

function streamText(doc: PDFDocument, ref: unknown): string {
  const stream = doc.context.lookup(ref as PDFRef) as PDFRawStream;
  return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
}

describe('verification after a build', () => {
  it('passes the bundle as built, reading a sample of pages with pdf.js', async () => {
    const result = await verifyBytes(good);
    expect(failing(result)).toEqual({});
    expect(result.ok).toBe(true);
    const file = PdfFile.open({ bytes: good });
    const sample = samplePages(plan, file.pages);
    file.close();
    expect(result.textPagesRead).toBe(sample.length);
    // Cover, index, dividers, every section's start and every page shape are in the sample.
    expect(sample).toEqual(expect.arrayContaining([0, 1, ...plan.sections.map((s) => s.firstPage)]));
    expect(sample).toContain(plan.documents.find((d) => d.title === 'Rotated report')!.firstPage);
  });

  it('reads every page with pdf.js when asked for a full verification', async () => {
    const result = await verifyBytes(good, 'full');
    expect(result.ok).toBe(true);
    expect(result.textPagesRead).toBe(plan.pageCount);
  });

  it('keeps the page’s own text, which uses the stamp font name, apart from the stamp in a form of its own', () => {
    const file = PdfFile.open({ bytes: good });
    const page = file.pages[earlierBundlePage];
    const fonts = file.reader.getDict(page.resources, 'Font')!;
    // At the page's level only the stamp's font; the page's own drawing (with its own /SBNum) is a form.
    expect([...fonts.map.keys()]).toEqual(['SBNum']);
    const form = file.reader.get(file.reader.getDict(page.resources, 'XObject'), 'SBPage');
    expect(form).toBeInstanceOf(PdfStream);
    const ownFonts = file.reader.getDict(file.reader.getDict(form as PdfStream, 'Resources'), 'Font')!;
    expect([...ownFonts.map.keys()]).toEqual(['SBNum']);
    expect((ownFonts.get('SBNum') as PdfRef).key).not.toBe((fonts.get('SBNum') as PdfRef).key);
    file.close();
  });

  it('finds a missing stamp', async () => {
    const page = plan.documents.find((d) => d.title === 'EHC plan')!.firstPage + 2;
    const broken = await edit((doc) => {
      const list = contents(doc, page);
      expect(streamText(doc, list.get(list.size() - 1))).toContain(' Tf ');
      list.remove(list.size() - 1);
    });
    const result = await verifyBytes(broken);
    expect(result.ok).toBe(false);
    expect(Object.keys(failing(result))).toEqual(['stamps']);
    expect(failing(result).stamps[0]).toBe(
      `Page ${page + 1} does not show its number "${plan.pages[page].label}" in the bottom-right corner.`,
    );
  });

  it('finds a stamp whose font name is also the page’s own font', async () => {
    // What an engine that drew the page's own text beside the stamp, at the page's level, would write: the
    // page's text then sets /SBNum, which names the bundle font.
    const broken = await edit((doc) => {
      const list = contents(doc, earlierBundlePage);
      const own = doc.context.register(doc.context.stream('BT /SBNum 12 Tf 72 720 Td <0102> Tj ET'));
      list.insert(0, own);
    });
    const result = await verifyBytes(broken);
    expect(Object.keys(failing(result))).toEqual(['stamps']);
    expect(failing(result).stamps).toEqual([
      `Page ${earlierBundlePage + 1}: the font name "SBNum" of its number is also used by the page's own text, which would then show the wrong letters.`,
    ]);
  });

  it('finds a stamp drawn with a font the page does not have', async () => {
    const page = plan.documents.find((d) => d.title === 'Decision letter')!.firstPage;
    const broken = await edit((doc) => {
      const fonts = doc.getPage(page).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      fonts.delete(PDFName.of('SBNum'));
    });
    const result = await verifyBytes(broken);
    expect(failing(result).stamps).toContain(
      `Page ${page + 1}: its number is drawn with a font ("SBNum") the page does not have.`,
    );
  });

  it('finds a wrong page label', async () => {
    // The second page of the EHC plan: not a page any link or bookmark opens.
    const page = plan.documents.find((d) => d.title === 'EHC plan')!.firstPage + 1;
    const broken = await edit((doc) => {
      const nums = doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
      // A one-page range of its own, labelled B99, then numbering carries on as before.
      const entries: [number, PDFDict][] = [];
      for (let i = 0; i < nums.size(); i += 2)
        entries.push([Number(nums.get(i).toString()), nums.lookup(i + 1, PDFDict)]);
      const at = entries.findIndex(([start], k) => start <= page && (entries[k + 1]?.[0] ?? Infinity) > page);
      const [start, range] = entries[at];
      const wrong = doc.context.obj({ P: PDFString.of('B99') });
      const after = range.clone(doc.context);
      const first = Number(range.get(PDFName.of('St'))?.toString() ?? 1);
      after.set(PDFName.of('St'), doc.context.obj(first + (page + 1 - start)));
      entries.splice(at + 1, 0, [page, wrong], [page + 1, after]);
      const fresh = doc.context.obj([]);
      for (const [s, d] of entries) {
        fresh.push(doc.context.obj(s));
        fresh.push(d);
      }
      doc.catalog.lookup(PDFName.of('PageLabels'), PDFDict).set(PDFName.of('Nums'), fresh);
    });
    const result = await verifyBytes(broken);
    expect(Object.keys(failing(result))).toEqual(['page-labels']);
    expect(failing(result)['page-labels']).toEqual([
      `Page ${page + 1} is labelled "B99" but should be "${plan.pages[page].label}".`,
    ]);
  });

  it('finds an index link that goes nowhere', async () => {
    const row = plan.index[0].rows.findIndex((r) => r.kind === 'document');
    const broken = await edit((doc) => {
      const link = doc.getPage(plan.index[0].page).node.Annots()!.lookup(row, PDFDict);
      link.set(PDFName.of('Dest'), PDFString.of('no-such-destination'));
    });
    const result = await verifyBytes(broken);
    expect(Object.keys(failing(result))).toEqual(['links']);
    expect(failing(result).links).toContain(
      `The index row for "${plan.index[0].rows[row].lines.join(' ')}" links nowhere.`,
    );
  });

  it('finds a bookmark to the wrong page', async () => {
    const target = plan.documents.find((d) => d.title === 'Decision letter')!;
    const wrong = plan.documents.find((d) => d.title === 'EHC plan')!.firstPage;
    const broken = await edit((doc) => {
      // Section A's second document bookmark.
      const outlines = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict);
      let item = outlines.lookup(PDFName.of('First'), PDFDict);
      const title = (dict: PDFDict) => dict.lookup(PDFName.of('Title'), PDFHexString).decodeText();
      while (!title(item).startsWith('Section A')) item = item.lookup(PDFName.of('Next'), PDFDict);
      const second = item.lookup(PDFName.of('First'), PDFDict).lookup(PDFName.of('Next'), PDFDict);
      second.lookup(PDFName.of('Dest'), PDFArray).set(0, doc.getPage(wrong).ref);
    });
    const result = await verifyBytes(broken);
    expect(Object.keys(failing(result))).toEqual(['bookmarks']);
    const bookmark = plan.bookmarks.flatMap((b) => b.children).find((b) => b.page === target.firstPage)!;
    expect(failing(result).bookmarks).toEqual([
      `The bookmark "${bookmark.title}" goes to page ${plan.pages[wrong].label} instead of ${target.firstLabel}.`,
      `The bookmark for "${target.title}" goes to page ${plan.pages[wrong].label} instead of ${target.firstLabel}.`,
    ]);
  });
});

/** The file as the engine read it back for its fingerprint: everything before its identity update. */
function beforeIdentityUpdate(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes);
  const at = text.lastIndexOf('%%EOF', text.lastIndexOf('%%EOF') - 1);
  let end = at + 5;
  while (text[end] === 0x0a || text[end] === 0x0d) end++;
  return bytes.slice(0, end);
}

/** `bytes` with an incremental update appended that gives objects new definitions (body after "N 0 obj"). */
function appendUpdate(bytes: Uint8Array, objects: [number, string][]): Uint8Array {
  const file = PdfFile.open({ bytes });
  const trailer = file.reader.trailer;
  const size = trailer.get('Size') as number;
  const root = trailer.get('Root') as PdfRef;
  const info = trailer.get('Info') as PdfRef;
  const previous = file.reader.newestSection!.offset;
  file.close();
  let out = Buffer.from(bytes).toString('latin1');
  const entries: string[] = [];
  for (const [num, body] of objects) {
    entries.push(`${num} 1\n${String(out.length).padStart(10, '0')} 00000 n \n`);
    out += `${num} 0 obj\n${body}\nendobj\n`;
  }
  const xref = out.length;
  out +=
    `xref\n${entries.join('')}trailer\n<< /Size ${size} /Root ${root.key} R /Info ${info.key} R /Prev ${previous} >>\n` +
    `startxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('the fingerprint checked after a build', () => {
  const front = () => [0, ...plan.index.map((p) => p.page)];
  let readBack: ContentFingerprint;
  beforeAll(() => {
    readBack = readContentFingerprint({ bytes: beforeIdentityUpdate(good) });
  });
  const verifyIdentity = async (bytes: Uint8Array) => {
    const path = join(dir, `bundle-${written++}.pdf`);
    writeFileSync(path, bytes);
    return verifyBundle(path, plan, {
      text,
      identity: {
        fingerprint: printed,
        digest: readBack.digest,
        pageDigests: readBack.pageDigests,
        fileBytes: readBack.fileBytes,
      },
    });
  };

  it("digests again only the pages the identity update changed, and agrees with every page's digest", async () => {
    const file = PdfFile.open({ bytes: good });
    const after = fingerprintAfterUpdate(file, readBack, front());
    const whole = fingerprintOf(file);
    file.close();
    expect(after.pagesDigested).toBe(front().length);
    expect(after.digest).toBe(whole.digest);
    expect(after.fingerprint).toBe(printed);
    // The printed line is left out of the digest: the cover and index pages read as they did before it.
    expect(after.pageDigests).toEqual(readBack.pageDigests);
    expect(readBack.fingerprint).toBe(printed);
    const result = await verifyIdentity(good);
    expect(failing(result)).toEqual({});
    expect(result.checks.find((c) => c.name === 'identity')?.ok).toBe(true);
  });

  it('gives the same digests when the reader worker digests some pages or all of them', async () => {
    const path = join(dir, `bundle-${written++}.pdf`);
    writeFileSync(path, good);
    const here = readContentFingerprint({ path });
    expect(here.fingerprint).toBe(printed);
    const shared = await readContentFingerprintShared({ path }, text);
    expect(shared).toEqual(here);
    const there = await readContentFingerprintIn(text, { path });
    expect(there).toEqual(here);
  });

  it('finds a document page changed by a later update (every page digested again)', async () => {
    const page = plan.documents.find((d) => d.title === 'EHC plan')!.firstPage + 1;
    const file = PdfFile.open({ bytes: good });
    const contents = file.reader.resolve(file.pages[page].dict.get('Contents')) as PdfRef[];
    file.close();
    const content = '0 0 1 rg 72 72 200 200 re f';
    const changed = appendUpdate(good, [
      [contents[0].num, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
    ]);
    const opened = PdfFile.open({ bytes: changed });
    const after = fingerprintAfterUpdate(opened, readBack, front());
    expect(after.pagesDigested).toBe(plan.pageCount);
    expect(after.digest).toBe(fingerprintOf(opened).digest);
    opened.close();
    expect(after.fingerprint).not.toBe(printed);
    const result = await verifyIdentity(changed);
    expect(Object.keys(failing(result))).toEqual(['identity']);
    expect(failing(result).identity[0]).toBe(
      `The pages read back give the fingerprint ${after.fingerprint}, not ${printed} as printed.`,
    );
  });

  it('finds a cover changed within the identity update itself', async () => {
    // The cover page's own object is in the update (it gained the line): its page size changed there.
    const update = beforeIdentityUpdate(good).length;
    const file = PdfFile.open({ bytes: good });
    const cover = file.pages[0].ref!.num;
    file.close();
    const text = Buffer.from(good).toString('latin1');
    const start = text.indexOf(`\n${cover} 0 obj`, update - 1);
    const box = text.indexOf('841.89', start);
    expect(start).toBeGreaterThan(0);
    expect(box - start).toBeLessThan(400);
    const changed = Buffer.from(text.slice(0, box) + '841.88' + text.slice(box + 6), 'latin1');
    const opened = PdfFile.open({ bytes: changed });
    const after = fingerprintAfterUpdate(opened, readBack, front());
    expect(after.pagesDigested).toBe(front().length);
    expect(after.digest).toBe(fingerprintOf(opened).digest);
    opened.close();
    expect(after.fingerprint).not.toBe(printed);
    const result = await verifyIdentity(new Uint8Array(changed));
    expect(failing(result).identity?.[0]).toBe(
      `The pages read back give the fingerprint ${after.fingerprint}, not ${printed} as printed.`,
    );
  });
});
