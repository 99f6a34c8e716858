/**
 * The text reader's thread started ahead of need (PageTextReader.warmUp, as `send-bundle build` does), one
 * kept after use (release, as a build does) and one started for page digests only (the bench's engine
 * child): each is the reader asked for, and each answers text and digests as a reader started the usual way
 * does.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { answerWrittenRequest, PageTextReader } from '../../../../../../electron/services/pdf/read/text';
import { startWorker, stopWorker } from '../../../../../../electron/services/workers/start';
import { FIXTURES } from '../../../../../helpers/context';
import { REPO_ROOT } from '../../../../../helpers/repo';

const FILE = join(FIXTURES, 'valid', 'pdflib-us_constitution.pdf');
const TEXT_MODULE = join(REPO_ROOT, 'electron', 'services', 'pdf', 'read', 'text.ts');
const readers: PageTextReader[] = [];
afterAll(async () => {
  await Promise.all(readers.map((reader) => reader.close()));
});

async function answers(reader: PageTextReader) {
  const { pageCount, texts } = await reader.read({ path: FILE }, [1, 2]);
  const { digests } = await reader.digest({ path: FILE }, 0, 2);
  return {
    pageCount,
    first: texts
      .get(1)
      ?.items.map((item) => item.text)
      .join(' '),
    digests,
  };
}

describe('PageTextReader started ahead of need or for digests only', () => {
  it('hands a warmed-up reader to the next start() that asks for a worker thread, once', async () => {
    const warm = PageTextReader.warmUp();
    readers.push(warm);
    expect(PageTextReader.warmUp()).toBe(warm);
    const inThisThread = PageTextReader.start({ worker: false });
    readers.push(inThisThread);
    expect(inThisThread).not.toBe(warm);
    expect(PageTextReader.start()).toBe(warm);
    const fresh = PageTextReader.start();
    readers.push(fresh);
    expect(fresh).not.toBe(warm);

    const expected = await answers(fresh);
    expect(expected.pageCount).toBeGreaterThan(2);
    expect(expected.first).toMatch(/[A-Za-z]{3}/);
    expect(expected.digests).toHaveLength(2);
    expect(await answers(warm)).toEqual(expected);
    expect(await answers(inThisThread)).toEqual(expected);
  });

  it('does not keep the process alive with a warmed-up reader nobody took', () => {
    // As `send-bundle build` when the build is refused before it starts (a read-only data folder).
    const script = `import(${JSON.stringify(pathToFileURL(TEXT_MODULE).href)}).then((m) => { m.PageTextReader.warmUp(); })`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.error, 'the process did not end by itself').toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
  });

  it('takes over the thread `send-bundle build` started before its code loaded, unless it has stopped', async () => {
    const workerOf = (reader: PageTextReader) => (reader as unknown as { worker: Worker | null }).worker;
    const startEarly = () => {
      const early = { worker: startWorker('pdfText'), stopped: false };
      early.worker.once('exit', () => (early.stopped = true));
      globalThis.__sendBundleEarlyTextReader = early;
      return early;
    };
    const early = startEarly();
    // A reader for digests only does not take it: that thread loads pdf.js at once.
    const digestsOnly = PageTextReader.start({ text: false });
    readers.push(digestsOnly);
    expect(workerOf(digestsOnly)).not.toBe(early.worker);
    expect(globalThis.__sendBundleEarlyTextReader).toBe(early);
    const warm = PageTextReader.warmUp();
    readers.push(warm);
    expect(workerOf(warm)).toBe(early.worker);
    expect(globalThis.__sendBundleEarlyTextReader).toBeUndefined();
    expect(PageTextReader.start()).toBe(warm);
    const usual = PageTextReader.start();
    readers.push(usual);
    expect(await answers(warm)).toEqual(await answers(usual));

    // One that has stopped is left: the reader starts a thread of its own.
    const stopped = startEarly();
    await stopWorker(stopped.worker);
    expect(stopped.stopped).toBe(true);
    const fresh = PageTextReader.start();
    readers.push(fresh);
    expect(workerOf(fresh)).not.toBe(stopped.worker);
    expect(workerOf(fresh)).not.toBeNull();
    expect(globalThis.__sendBundleEarlyTextReader).toBeUndefined();
    expect(await answers(fresh)).toEqual(await answers(usual));
  });

  it('reads text with a reader started for digests only, loading pdf.js when first asked', async () => {
    const digestsOnly = PageTextReader.start({ text: false });
    const usual = PageTextReader.start();
    readers.push(digestsOnly, usual);
    const { digests } = await digestsOnly.digest({ path: FILE }, 0, 2);
    expect(digests).toEqual((await usual.digest({ path: FILE }, 0, 2)).digests);
    expect(await answers(digestsOnly)).toEqual(await answers(usual));
  });
});

describe('PageTextReader released after use', () => {
  const workerOf = (reader: PageTextReader) => (reader as unknown as { worker: Worker | null }).worker;

  it('is kept, its thread and pdf.js loaded, for the next start(), and answers as before', async () => {
    const first = PageTextReader.start();
    readers.push(first);
    const expected = await answers(first);
    const thread = workerOf(first);
    await first.release();
    expect(workerOf(first)).toBe(thread);
    const again = PageTextReader.start();
    expect(again).toBe(first);
    expect(workerOf(again)).toBe(thread);
    expect(await answers(again)).toEqual(expected);
    const other = PageTextReader.start();
    readers.push(other);
    expect(other).not.toBe(first);
    await again.close();
  });

  it('is closed instead when a request is under way, when one is kept already, or when its thread stopped', async () => {
    const busy = PageTextReader.start();
    readers.push(busy);
    const reading = busy.read({ path: FILE }, [1, 2, 3]);
    await busy.release();
    expect(workerOf(busy)).toBeNull();
    // What it was asked is then answered in this thread.
    expect((await reading).texts.size).toBe(3);

    const kept = PageTextReader.start();
    const second = PageTextReader.start();
    readers.push(kept, second);
    await answers(kept);
    await kept.release();
    await second.release();
    expect(workerOf(second)).toBeNull();
    expect(PageTextReader.start()).toBe(kept);
    await kept.close();

    const stopped = PageTextReader.start();
    readers.push(stopped);
    await answers(stopped);
    const thread = workerOf(stopped)!;
    const exited = new Promise((resolve) => thread.once('exit', resolve));
    await stopWorker(thread);
    await exited;
    await stopped.release();
    const next = PageTextReader.start();
    readers.push(next);
    expect(next).not.toBe(stopped);
    expect(await answers(next)).toEqual(await answers(kept));
  });

  it('is closed after a minute unused', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const reader = PageTextReader.start();
      readers.push(reader);
      await answers(reader);
      await reader.release();
      vi.advanceTimersByTime(59_000);
      expect(workerOf(reader)).not.toBeNull();
      vi.advanceTimersByTime(1_000);
      expect(workerOf(reader)).toBeNull();
      const next = PageTextReader.start();
      readers.push(next);
      expect(next).not.toBe(reader);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not keep the process alive', () => {
    const script = `import(${JSON.stringify(pathToFileURL(TEXT_MODULE).href)}).then(async (m) => {
      const reader = m.PageTextReader.start();
      await reader.read({ path: ${JSON.stringify(FILE)} }, [1]);
      await reader.release();
    })`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.error, 'the process did not end by itself').toBeUndefined();
    expect(result.status, result.stderr).toBe(0);
  });
});

describe("the reader's thread at the end of a file read while it was written", () => {
  it('sets an array aside for the file pdf.js is to read next, when told its size', () => {
    globalThis.__sendBundlePdfjsTakesFileBuffer = true;
    try {
      const replies: unknown[] = [];
      answerWrittenRequest({ id: 1, written: { session: 99, end: true, nextFileBytes: 4096 } }, (reply) =>
        replies.push(reply),
      );
      expect(replies).toEqual([{ id: 1, preImages: null }]);
      expect(globalThis.__sendBundlePdfjsFileBuffer!(4000)).toHaveLength(4000);
      // Told no size, it sets nothing aside.
      answerWrittenRequest({ id: 2, written: { session: 99, end: true } }, () => {});
      expect(globalThis.__sendBundlePdfjsFileBuffer!(10)).toBeUndefined();
    } finally {
      globalThis.__sendBundlePdfjsTakesFileBuffer = undefined;
    }
  });
});
