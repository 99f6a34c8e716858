/**
 * Where the text recognition code and data are on disk. The OCR worker thread is started through
 * workers/start.ts (its TypeScript source through tsx, or the bundle beside the main file); each recogniser
 * thread is started by tesseract.js from a path: tesseractThread.cjs in the sources, or its bundle
 * (scripts/esbuild.mjs). The English model comes from the @tesseract.js-data/eng package in node_modules:
 * never downloaded.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledWorkerFile } from '../workers/start';

const resolveFrom = createRequire(import.meta.url);

/** The script each recogniser thread runs: tesseract.js's worker with the network blocked. */
export function recogniserThreadScript(): string {
  return (
    bundledWorkerFile('ocrRecogniser') ?? fileURLToPath(new URL('./tesseractThread.cjs', import.meta.url))
  );
}

export interface TesseractFiles {
  /** Folder holding eng.traineddata.gz (the "best_int" LSTM model tesseract.js uses by default). */
  langPath: string;
  /** Folder of tesseract.js-core (the WebAssembly build of Tesseract). */
  corePath: string;
}

/** The model and the engine, from node_modules; throws with a clear message when either is missing. */
export function tesseractFiles(): TesseractFiles {
  const langPath = join(
    dirname(resolveFrom.resolve('@tesseract.js-data/eng/package.json')),
    '4.0.0_best_int',
  );
  const corePath = dirname(resolveFrom.resolve('tesseract.js-core/package.json'));
  if (!existsSync(join(langPath, 'eng.traineddata.gz')))
    throw new Error(`The English text recognition model is missing (${langPath}). Run "npm install".`);
  return { langPath, corePath };
}
