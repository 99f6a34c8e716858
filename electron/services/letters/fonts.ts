/**
 * DejaVu Sans (regular and bold) for letter PDFs: Unicode coverage for names that are not all Latin,
 * embedded as subsets with fixed names so the same letter always gives the same bytes.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

type Fontkit = typeof fontkit;

interface SubsetLike {
  encode: (stream?: unknown) => unknown;
  encodeStream: () => NodeJS.EventEmitter;
}

/**
 * @cantoo/pdf-lib calls `subset.encode()` without arguments when the method exists (fontkit 2's API);
 * the @pdf-lib/fontkit subset has an internal `encode(stream)` and a public `encodeStream()`. Giving the
 * subset an `encode()` that collects `encodeStream()` makes subsetting work with the installed fontkit.
 */
const subsettingFontkit = {
  create(data: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(data as Buffer, postscriptName);
    const createSubset = font.createSubset.bind(font) as unknown as () => SubsetLike;
    (font as unknown as { createSubset: () => SubsetLike }).createSubset = () => {
      const subset = createSubset();
      const internal = Object.getPrototypeOf(subset).encode as (this: SubsetLike, stream: unknown) => unknown;
      subset.encode = function (this: SubsetLike, stream?: unknown) {
        if (stream) return internal.call(this, stream);
        return new Promise<Uint8Array>((resolve, reject) => {
          const parts: Uint8Array[] = [];
          const out = this.encodeStream();
          out.on('data', (chunk: Uint8Array) => parts.push(chunk));
          out.on('end', () => resolve(Buffer.concat(parts)));
          out.on('error', reject);
        });
      };
      return subset;
    };
    return font;
  },
};

/** resources/fonts, found from this file whether it runs from source or from a bundled build. */
function fontsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, 'DejaVuSans.ttf'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('The letter font (resources/fonts/DejaVuSans.ttf) is missing from this installation.');
}

const cache = new Map<string, Uint8Array>();
function fontBytes(file: string): Uint8Array {
  let bytes = cache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(fontsDir(), file)));
    cache.set(file, bytes);
  }
  return bytes;
}

export interface LetterFonts {
  regular: PDFFont;
  bold: PDFFont;
}

export async function embedLetterFonts(doc: PDFDocument): Promise<LetterFonts> {
  doc.registerFontkit(subsettingFontkit as unknown as Fontkit);
  // Fixed subset tags (six capitals + "+"), as the PDF spec names subsets, instead of pdf-lib's random suffix.
  const regular = await doc.embedFont(fontBytes('DejaVuSans.ttf'), {
    subset: true,
    customName: 'LTRAAA+DejaVuSans',
  });
  const bold = await doc.embedFont(fontBytes('DejaVuSans-Bold.ttf'), {
    subset: true,
    customName: 'LTRAAB+DejaVuSans-Bold',
  });
  return { regular, bold };
}
