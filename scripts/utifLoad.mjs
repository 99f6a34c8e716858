/**
 * An esbuild plugin that takes the one network call out of UTIF (utif2, the TIFF decoder import uses:
 * electron/services/documents/tiff.ts). UTIF.replaceIMG is for web pages: it finds <img> elements showing
 * TIFFs and downloads each with XMLHttpRequest. The app never calls it, and no code in the main process
 * may make a network request (tests/unit/electron/shell/network.test.ts): here it throws instead of
 * downloading. If UTIF's source changes, it is bundled unchanged and a warning says so.
 */
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

/** The download, as UTIF 4.1 writes it. */
const DOWNLOAD = 'var xhr = new XMLHttpRequest();';
const REFUSAL =
  'throw new Error("UTIF.replaceIMG downloads pictures: left out of SEND Bundle Builder, which works offline (scripts/utifLoad.mjs).");';

/** UTIF.js without its download; `warnings` if it was not found once. */
export function patchUtif(source) {
  const first = source.indexOf(DOWNLOAD);
  if (first === -1 || source.indexOf(DOWNLOAD, first + 1) !== -1)
    return {
      contents: source,
      warnings: [
        { text: 'utif2 changed: its download in replaceIMG was not found (see scripts/utifLoad.mjs).' },
      ],
    };
  return { contents: source.replace(DOWNLOAD, () => REFUSAL), warnings: [] };
}

export function utifLoadPlugin() {
  return {
    name: 'utif-load',
    setup(build) {
      const file = `${sep}utif2${sep}UTIF.js`;
      build.onLoad({ filter: /UTIF\.js$/ }, async (args) => {
        if (!args.path.endsWith(file)) return undefined;
        const { contents, warnings } = patchUtif(await readFile(args.path, 'utf8'));
        return { contents, loader: 'js', warnings };
      });
    },
  };
}
