/** What pdf.js reads of a PDF's structure, in the reader layer's terms: for tests comparing the two. */
import type { PdfjsDocument } from '../../electron/services/pdf/pdfjs';

export interface Structure {
  pageCount: number;
  labels: string[] | null;
  /** [depth, title, 0-based target page or null] in reading order. */
  outline: [number, string, number | null][];
  /** Per page: link target pages (null: nowhere or external). */
  links: (number | null)[][];
  pages: { view: number[]; rotate: number }[];
}

type Dest = string | unknown[] | null | undefined;

async function pageOf(doc: PdfjsDocument, dest: Dest): Promise<number | null> {
  try {
    let explicit: unknown = dest;
    if (typeof dest === 'string') explicit = await doc.getDestination(dest);
    if (!Array.isArray(explicit) || explicit.length === 0) return null;
    const first = explicit[0];
    if (typeof first === 'number') return Number.isInteger(first) && first < doc.numPages ? first : null;
    return await doc.getPageIndex(first as { num: number; gen: number });
  } catch {
    return null;
  }
}

export async function pdfjsStructure(doc: PdfjsDocument): Promise<Structure> {
  const outline: Structure['outline'] = [];
  interface Item {
    title: string;
    dest: Dest;
    items: Item[];
  }
  const walk = async (items: Item[], depth: number) => {
    for (const item of items) {
      outline.push([depth, item.title, item.dest ? await pageOf(doc, item.dest) : null]);
      await walk(item.items ?? [], depth + 1);
    }
  };
  await walk((await doc.getOutline().catch(() => null)) ?? [], 0);
  const links: Structure['links'] = [];
  const pages: Structure['pages'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    pages.push({ view: [...page.view], rotate: page.rotate });
    const annots = (await page.getAnnotations({ intent: 'display' })) as { subtype: string; dest?: Dest }[];
    const targets: (number | null)[] = [];
    for (const a of annots) if (a.subtype === 'Link') targets.push(a.dest ? await pageOf(doc, a.dest) : null);
    links.push(targets);
    page.cleanup();
  }
  return {
    pageCount: doc.numPages,
    labels: (await doc.getPageLabels().catch((): null => null)) ?? null,
    outline,
    links,
    pages,
  };
}
