/**
 * Reads one bundle PDF (ours or anyone's) into what comparing needs (shared/bundle/compare.ts), on the
 * app's PDF reading layer and the checker's readers: each page's content digest (pdf/read/digest.ts, the
 * fingerprint's), its text from the content streams (pdf.js only for pages whose fonts only it can read),
 * the bundle number printed on it (the checker's number finder), its pictures; the bookmarks; the index.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { IDENTITY_INFO_KEYS, shortFingerprint } from '../../../shared/bundle/identity';
import type { CompareFacts, ComparePage } from '../../../shared/bundle/compare';
import { flattenBookmarks, readBookmarks } from '../checker/destinations';
import { findIndex, type PageTextInput } from '../checker/indexPages';
import { choosePageNumbers, numberCandidates, type Candidate, type MarginText } from '../checker/pageNumbers';
import type { PageText, TextItem } from '../pdf/pdfjs';
import { PdfFile, type PdfInput, type PdfPage } from '../pdf/read';
import { ContentTextReader } from '../pdf/read/contentText';
import { contentDigest, PageDigester } from '../pdf/read/digest';
import { isName, PdfStream, PdfString } from '../pdf/read/objects';
import { PageTextReader } from '../pdf/read/text';
import { findStructureProblem } from '../pdf/structure';

/** Pages from the front searched for the index (as the checker does). */
const FRONT_PAGES = 40;
/** Form XObjects followed into, looking for pictures. */
const MAX_FORM_DEPTH = 4;
const IDENTITY_LINE = /Bundle\s*[0-9A-F]{4}-[0-9A-F]{4}(?:\s*·\s*version\s*\d+)?(?:\s*·\s*\d+\s*pages?)?/g;

interface ReadOptions {
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (message: string, done: number, total: number) => void;
}

/**
 * Digests of the pictures a page draws (through its forms too), by their content: the page digester's own
 * digest of each picture (its dictionary and data as stored) where it has met it, so picture data is read
 * and hashed once per file.
 */
class Pictures {
  private readonly known = new Map<string, string[]>();
  constructor(
    private readonly file: PdfFile,
    private readonly digester: PageDigester,
  ) {}

  of(page: PdfPage): string[] {
    return this.inResources(page.resources, 0);
  }

  private inResources(resources: ReturnType<PdfFile['reader']['getDict']>, depth: number): string[] {
    const reader = this.file.reader;
    const xobjects = reader.getDict(resources, 'XObject');
    if (!xobjects || depth > MAX_FORM_DEPTH) return [];
    const out: string[] = [];
    for (const key of [...xobjects.map.keys()].sort()) {
      const value = xobjects.map.get(key);
      const refKey = value && typeof value === 'object' && 'key' in value ? String(value.key) : null;
      if (refKey && this.known.has(refKey)) {
        out.push(...this.known.get(refKey)!);
        continue;
      }
      const stream = reader.resolve(value);
      let found: string[] = [];
      if (stream instanceof PdfStream) {
        const subtype = reader.get(stream, 'Subtype');
        if (isName(subtype, 'Image'))
          found = [
            (refKey && this.digester.digested(refKey)) ??
              createHash('sha256').update(reader.encodedData(stream)).digest('hex'),
          ];
        else if (isName(subtype, 'Form'))
          found = this.inResources(reader.getDict(stream, 'Resources'), depth + 1);
      }
      if (refKey) this.known.set(refKey, found);
      out.push(...found);
    }
    return out;
  }
}

/** The items of the page's own bundle number (the chosen margin text), to leave out of its content. */
function withoutNumber(items: TextItem[], chosen: MarginText | null): TextItem[] {
  if (!chosen) return items;
  const near = (i: TextItem) =>
    chosen.text.includes(i.text.trim()) &&
    Math.abs(i.y - chosen.box.y) <= chosen.box.height + 2 &&
    i.x >= chosen.box.x - 2 &&
    i.x <= chosen.box.x + chosen.box.width + 2;
  const kept = items.filter((i) => !near(i));
  if (kept.length < items.length) return kept;
  // Positions in another frame (a turned page): the last item that is the number itself.
  for (let k = items.length - 1; k >= 0; k--)
    if (items[k].text.trim() === chosen.text.trim()) return [...items.slice(0, k), ...items.slice(k + 1)];
  return items;
}

function pageContent(items: TextItem[], pictures: string[]): { content: string; words: string } {
  const ordered = [...items].sort((a, b) => Math.round(b.y / 4) - Math.round(a.y / 4) || a.x - b.x);
  const text = ordered
    .map((i) => i.text)
    .join(' ')
    .replace(IDENTITY_LINE, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const content = createHash('sha256')
    .update(text.replace(/\s+/g, ''))
    .update('\n')
    .update(pictures.join(','))
    .digest('hex');
  const words = text.length > 60 ? `${text.slice(0, 57).replace(/\s+\S*$/, '')}…` : text;
  return { content, words: words || (pictures.length ? '(a picture or scan)' : '(blank)') };
}

/** The fingerprint the file says it has (our bundles keep it in the document information), or null. */
export function statedFingerprint(file: PdfFile): string | null {
  try {
    const info = file.reader.getDict(file.reader.trailer, 'Info');
    const value = file.reader.get(info, IDENTITY_INFO_KEYS.fingerprint);
    return value instanceof PdfString ? value.text.trim() || null : null;
  } catch {
    return null;
  }
}

/** Reads a PDF for comparing. Throws PdfReadError for a file our reader cannot open at all. */
export async function readForCompare(input: PdfInput, options: ReadOptions): Promise<CompareFacts> {
  const fileSize = 'bytes' in input ? input.bytes.length : statSync(input.path).size;
  const file = PdfFile.open(input);
  let pdfjs: PageTextReader | null = null;
  try {
    const total = file.pageCount;
    const digester = new PageDigester(file.reader);
    const content = new ContentTextReader(file.reader);
    const pictures = new Pictures(file, digester);
    const texts: (PageText | null)[] = [];
    const digests: string[] = [];
    const again: number[] = [];
    for (const page of file.pages) {
      options.signal?.throwIfAborted();
      if (page.index % 50 === 0)
        options.onProgress?.(
          `Reading ${options.fileName}: page ${page.index + 1} of ${total}`,
          page.index,
          total,
        );
      digests.push(digester.page(page));
      try {
        const read = content.read(page);
        if (read.uncertain) again.push(page.index + 1);
        texts.push(read);
      } catch {
        again.push(page.index + 1);
        texts.push(null);
      }
    }
    if (again.length > 0) {
      pdfjs = PageTextReader.start();
      const read = await pdfjs.read(input, again).catch(() => null);
      for (const page of again) {
        const text = read?.texts.get(page);
        if (text) texts[page - 1] = text;
      }
    }
    const candidates: Candidate[][] = texts.map((t) =>
      t ? numberCandidates(t.items, t.width, t.height) : [],
    );
    const numbering = choosePageNumbers(candidates.map((c) => ({ candidates: c })));
    const pages: ComparePage[] = file.pages.map((page, i) => {
      const n = numbering.numbers[i];
      const { content: key, words } = pageContent(
        withoutNumber(texts[i]?.items ?? [], numbering.chosen[i]),
        pictures.of(page),
      );
      return {
        digest: digests[i],
        content: key,
        label: n?.label ?? null,
        number: n?.kind === 'main' ? { prefix: n.prefix, number: n.number, suffix: n.suffix } : null,
        words,
      };
    });
    const front: PageTextInput[] = texts.slice(0, FRONT_PAGES).flatMap((t, i) =>
      t
        ? [
            {
              page: i + 1,
              items: t.items,
              width: t.width,
              height: t.height,
              stamp: numbering.chosen[i]?.box ?? null,
            },
          ]
        : [],
    );
    const index = findIndex(front);
    const bookmarks = flattenBookmarks(readBookmarks(file)).map((b) => ({
      title: b.title,
      page: b.page === null ? null : b.page - 1,
      leaf: b.children.length === 0,
    }));
    options.onProgress?.(`Read ${options.fileName}`, total, total);
    return {
      fileName: options.fileName,
      fileSize,
      pages,
      fingerprint: shortFingerprint(contentDigest(digests)),
      statedFingerprint: statedFingerprint(file),
      encryption: file.reader.encrypted
        ? { encrypted: true, restrictions: file.reader.restrictions }
        : { encrypted: false },
      bookmarks,
      index: (index?.entries ?? [])
        .filter((e) => e.kind === 'document')
        .map((e) => ({ title: e.title, first: e.first, last: e.last })),
      damage:
        findStructureProblem(file.reader.source) ??
        (file.reader.repaired ? 'its index of objects had to be rebuilt' : null),
    };
  } finally {
    file.close();
    await pdfjs?.close();
  }
}
