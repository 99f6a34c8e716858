/**
 * The checker reads the pages after the front with its own reader while pdf.js reads the front pages in
 * its thread, and uses what it read only when pdf.js finds as many pages as our reader.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdf } from '../../../../../electron/services/checker/check';
import { PageTextReader } from '../../../../../electron/services/pdf/read/text';
import { buildEngineBundle, type BuiltBundle } from '../../../../helpers/checkerBundles';

/** The checker's front pages (check.ts FRONT_PAGES) and how often it reports a page read. */
const FRONT_PAGES = 40;
const PROGRESS_EVERY = 50;

type Read = PageTextReader['read'];

/** A pdf.js reader whose reads go through `wrap` (the real reader underneath). */
function wrappedReader(wrap: (real: Read, call: number, ...args: Parameters<Read>) => ReturnType<Read>) {
  const reader = PageTextReader.start();
  const real: Read = reader.read.bind(reader);
  let calls = 0;
  reader.read = (...args: Parameters<Read>) => wrap(real, calls++, ...args);
  return reader;
}

describe('checker: our reader and pdf.js at once', () => {
  let dir: string;
  let bundle: BuiltBundle;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'checker-content-scan-'));
    bundle = await buildEngineBundle({
      documents: [
        ['A', 'Appeal form', 3, 'appeal-form'],
        ['B', 'EHC plan', 30, 'ehc-plan'],
        ['C', 'Educational psychologist report', 40, 'expert-report'],
      ],
    });
    expect(bundle.pageCount).toBeGreaterThan(PROGRESS_EVERY + 10);
    path = join(dir, 'bundle.pdf');
    writeFileSync(path, bundle.bytes);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads pages after the front before pdf.js has answered for the front pages', async () => {
    const plain = await checkPdf({ path }, { rules: 'send', fileName: 'bundle.pdf' });

    const progress: string[] = [];
    let readAhead: () => void = () => {};
    const pastTheFront = new Promise<boolean>((resolve) => {
      readAhead = () => resolve(true);
      // Without reading ahead, the checker would wait for pdf.js for ever: the test fails instead.
      setTimeout(() => resolve(false), 5000);
    });
    let answeredAfterReadingAhead: boolean | null = null;
    const reader = wrappedReader(async (real, call, ...args) => {
      const answer = await real(...args);
      // pdf.js's answer for the front pages is held back until the checker has read page 50 itself.
      if (call === 0) answeredAfterReadingAhead = await pastTheFront;
      return answer;
    });
    try {
      const result = await checkPdf(
        { path },
        {
          rules: 'send',
          fileName: 'bundle.pdf',
          text: reader,
          onProgress: ({ message }) => {
            progress.push(message);
            if (message === `Reading page ${PROGRESS_EVERY} of ${bundle.pageCount}`) readAhead();
          },
        },
      );
      expect(answeredAfterReadingAhead).toBe(true);
      expect(result.findings).toEqual(plain.findings);
      expect(result.summary).toEqual({ ...plain.summary, seconds: result.summary.seconds });
      expect(progress.at(-1)).toBe(`Read ${bundle.pageCount} pages`);
    } finally {
      await reader.close();
    }
  });

  it('reads every page with pdf.js when pdf.js counts the pages differently', async () => {
    const asked: number[][] = [];
    // pdf.js says the file has one page fewer than our reader finds: our reader's pages are not used.
    const reader = wrappedReader(async (real, call, input, pages, onPage) => {
      asked.push(pages);
      const answer = await real(input, pages, onPage);
      return { ...answer, pageCount: answer.pageCount - 1 };
    });
    try {
      const result = await checkPdf({ path }, { rules: 'send', fileName: 'bundle.pdf', text: reader });
      const count = bundle.pageCount - 1;
      expect(result.summary.pageCount).toBe(count);
      expect(asked).toHaveLength(2);
      expect(asked[1]).toEqual(Array.from({ length: count - FRONT_PAGES }, (_, i) => FRONT_PAGES + 1 + i));
    } finally {
      await reader.close();
    }
  });
});
