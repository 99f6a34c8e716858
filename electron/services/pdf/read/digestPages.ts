/**
 * Page digests (./digest.ts) of a range of a file's pages, read with a reader of their own: how a second
 * thread shares the work of a fingerprint (PageTextReader.digest). Each page's digest depends on nothing
 * but the page, so the file's pages can be split between threads and the digests put back in order.
 */
import { PageDigester } from './digest';
import { PdfFile } from './index';
import type { PdfInput } from './source';

/** The digests of pages [from, to) (0-based), and the file's page count. */
export function digestPages(
  input: PdfInput,
  from: number,
  to: number,
): { digests: string[]; pageCount: number } {
  const file = PdfFile.open(input);
  try {
    const digester = new PageDigester(file.reader);
    const digests: string[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, file.pageCount); i++)
      digests.push(digester.page(file.pages[i]));
    return { digests, pageCount: file.pageCount };
  } finally {
    file.close();
  }
}
