/**
 * Tesseract (tesseract.js: Tesseract compiled to WebAssembly) as a pool of threads, one page each at a
 * time, so every core is used. Configured to work offline: the English model is read from node_modules,
 * nothing is cached to the working folder, and each thread runs with the network blocked.
 */
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import { recogniserThreadScript, tesseractFiles, type TesseractFiles } from './files';
import type { RecognisedLine } from './textLayer';

interface TesseractBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TesseractBlock {
  paragraphs: {
    lines: {
      bbox: TesseractBox;
      baseline: TesseractBox;
      words: { text: string; confidence: number; bbox: TesseractBox }[];
    }[];
  }[];
}

/** Lines and words from tesseract.js's "blocks" output. */
function linesFromBlocks(blocks: TesseractBlock[] | null | undefined): RecognisedLine[] {
  const lines: RecognisedLine[] = [];
  for (const block of blocks ?? []) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        const words = (line.words ?? []).map((w) => ({
          text: w.text,
          x0: w.bbox.x0,
          y0: w.bbox.y0,
          x1: w.bbox.x1,
          y1: w.bbox.y1,
          confidence: w.confidence,
        }));
        if (words.length === 0) continue;
        const b = line.baseline;
        const hasBaseline = b && Number.isFinite(b.x0) && Number.isFinite(b.y0) && b.x1 !== b.x0;
        lines.push({
          baseline: hasBaseline
            ? { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 }
            : { x0: line.bbox.x0, y0: line.bbox.y1, x1: line.bbox.x1, y1: line.bbox.y1 },
          top: line.bbox.y0,
          words,
        });
      }
    }
  }
  return lines;
}

export interface Recogniser {
  readonly threads: number;
  /** Lines and words of one picture (a PGM, PNG or JPEG file's bytes). */
  recognise(image: Uint8Array): Promise<RecognisedLine[]>;
  terminate(): Promise<void>;
}

export async function createRecogniser(
  threads: number,
  files: TesseractFiles = tesseractFiles(),
): Promise<Recogniser> {
  const { langPath, corePath } = files;
  const workerPath = recogniserThreadScript();
  const created = await Promise.allSettled(
    Array.from({ length: threads }, () => {
      // tesseract.js reports a model that cannot be loaded to errorHandler and never settles createWorker.
      let failed: (error: Error) => void = () => {};
      const failure = new Promise<never>((_, reject) => (failed = reject));
      const worker = createWorker('eng', OEM.LSTM_ONLY, {
        langPath,
        corePath,
        workerPath,
        gzip: true,
        // The model is read from node_modules each time: never written to (or read from) a cache folder.
        cacheMethod: 'none',
        logger: () => {},
        errorHandler: (error: unknown) => failed(new Error(String(error))),
      });
      return Promise.race([worker, failure]);
    }),
  );
  const workers = created.filter((c) => c.status === 'fulfilled').map((c) => c.value);
  const failure = created.find((c) => c.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((w) => w.terminate()));
    // A thread whose start failed cannot be ended from here: the OCR worker thread is ended after a
    // failed document (runner.ts), and its recogniser threads with it.
    throw new Error(
      `the text recogniser could not start (${(failure.reason as Error)?.message ?? failure.reason})`,
    );
  }
  // Looking for white-on-black text as well costs about a quarter more time; scans are dark on light.
  await Promise.all(workers.map((w) => w.setParameters({ tessedit_do_invert: '0' })));

  const idle: TesseractWorker[] = [...workers];
  const waiting: ((w: TesseractWorker) => void)[] = [];
  const take = () =>
    new Promise<TesseractWorker>((resolve) => {
      const w = idle.pop();
      if (w) resolve(w);
      else waiting.push(resolve);
    });
  const give = (w: TesseractWorker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };

  return {
    threads,
    async recognise(image) {
      const worker = await take();
      try {
        const result = await worker.recognize(
          Buffer.from(image.buffer, image.byteOffset, image.byteLength),
          {},
          {
            text: false,
            blocks: true,
          },
        );
        return linesFromBlocks(result.data.blocks);
      } finally {
        give(worker);
      }
    },
    async terminate() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
