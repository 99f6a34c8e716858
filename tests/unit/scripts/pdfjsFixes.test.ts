/**
 * pdf.js's own fixes (scripts/pdfjsFixes.mjs): written into the installed pdf.js by `npm install`, made
 * once, and said when pdf.js changed and a fix is not found.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { builtInsPdfjsReplaces, putBackBuiltIns } from '../../../electron/services/pdf/builtIns.mjs';
import { FIXED_FILES, fixPdfjsWorker, PDFJS_FIXES } from '../../../scripts/pdfjsFixes.mjs';
import { patchPdfjsWorker } from '../../../scripts/pdfjsLoad.mjs';
import {
  DAMAGED_SYMBOL_DICTIONARIES,
  damagedJbig2Pdf,
  manyReferencesJbig2Pdf,
  overlongSegmentJbig2Pdf,
  OVERSIZED_JBIG2_PICTURES,
  oversizedJbig2Pdf,
} from '../../helpers/jbig2';
import {
  cffFontPdf,
  manyGlyphsCff,
  manyRangesFdSelectCff,
  overlappingIndexCff,
  sparseCMapPdf,
  subroutineFanOutCff,
} from '../../helpers/cff';
import {
  compositeFanOutPdf,
  fixture,
  growingStackProgramPdf,
  hugeCmapPdf,
  BACKWARD_RANGES,
  hugeToUnicodePdf,
  LONG_TEXT_RANGES,
  negativeDeltaCountPdf,
  overlongPostTablePdf,
  patternCyclePdf,
  pointlessGlyphsPdf,
  repeatedNamesPdf,
  trueTypeCollectionPdf,
} from '../../helpers/damage';
import {
  oversampledFunctionPdf,
  oversizedJpegPdf,
  stitchingFanOutPdf,
  wideCcittPdf,
  zeroBitsMeshPdf,
} from '../../helpers/colour';
import { bigArrayPdf } from '../../helpers/hostile';
import { HELVETICA, rawPdf } from '../../helpers/rawPdf';
import { REPO_ROOT } from '../../helpers/repo';
import { SCAN_HEIGHT, SCAN_WIDTH, scanBlackPixels, scannerPdf } from '../../helpers/scannerPdf';
import { subroutineFanOutType1Pdf } from '../../helpers/type1';

const installed = (file: string) => readFileSync(join(REPO_ROOT, 'node_modules', 'pdfjs-dist', file), 'utf8');
const STEPS = PDFJS_FIXES.flatMap((fix) => fix.steps);
/** pdf.js as published: each step undone, the last first. */
const published = (source: string) =>
  STEPS.reduceRight((text, step) => text.split(step.replace).join(step.find), source);

// Some tests below open documents with pdf.js as published, whose worker (imported on the first open, in this
// process) replaces Array.prototype.push and JSON's functions with core-js's. Test files share their workers'
// modules (vitest.config.ts): what this file found is put back after each test, or a later file that loads
// the app's pdf.js (which puts the natives back) would see them change under it.
const builtInsBefore = builtInsPdfjsReplaces();
afterEach(() => putBackBuiltIns(builtInsBefore));

describe("pdf.js's own fixes", () => {
  it.each(FIXED_FILES)('are in the installed %s (npm install runs them)', (file) => {
    const { made, already, missing } = fixPdfjsWorker(installed(file));
    expect({ made, missing }).toEqual({ made: [], missing: [] });
    expect(already).toEqual(PDFJS_FIXES.map((fix) => fix.name));
  });

  it('are made in pdf.js as published, each where it belongs, and only once', () => {
    const source = installed('legacy/build/pdf.worker.mjs');
    const first = fixPdfjsWorker(published(source));
    expect(first.made).toEqual(PDFJS_FIXES.map((fix) => fix.name));
    expect(first.contents).toBe(source);
    const charsets = first.contents.slice(first.contents.indexOf('  parseCharsets('));
    expect(charsets.slice(0, charsets.indexOf('\n  }\n')).split('pos < bytes.length').length - 1).toBe(2);
    expect(fixPdfjsWorker(first.contents)).toMatchObject({ made: [], missing: [] });
  });

  it('says which fix is not found when pdf.js changed, and changes nothing', () => {
    const changed = 'class CFFParser {}\n';
    expect(fixPdfjsWorker(changed)).toEqual({
      contents: changed,
      made: [],
      already: [],
      missing: PDFJS_FIXES.map((fix) => fix.name),
    });
  });

  it('are made whole or not at all: a fix whose steps are found only in part is left out', () => {
    const budget = PDFJS_FIXES.find((fix) =>
      fix.steps.some((step) => step.replace.includes('spendJbig2Pixels')),
    )!;
    expect(budget.steps.length).toBeGreaterThan(1);
    const partly = published(installed('legacy/build/pdf.worker.mjs'))
      .split(budget.steps[budget.steps.length - 1].find)
      .join('changed\n');
    const report = fixPdfjsWorker(partly);
    expect(report.missing).toEqual([budget.name]);
    expect(report.made).toEqual(PDFJS_FIXES.filter((fix) => fix !== budget).map((fix) => fix.name));
    expect(report.contents).not.toContain('spendJbig2Pixels');
  });

  it("are in the command line's bundle of pdf.js even where the install did not make them", () => {
    const { contents, warnings } = patchPdfjsWorker(published(installed('legacy/build/pdf.worker.mjs')));
    expect(warnings).toEqual([]);
    for (const step of STEPS) expect(contents).toContain(step.replace);
  });
});

/**
 * Draws a page's operators with the installed pdf.js in a worker thread (what the preview and OCR do before
 * painting), ended after `seconds`: what it said, or 'still drawing'. With `memoryMb`, it is also ended when
 * the process has grown by that much since it began (the import refuses a file past 768 MB): 'over N MB'.
 */
async function drawPage(pdf: Uint8Array, seconds: number, page = 1, memoryMb?: number): Promise<string> {
  const pdfjs = pathToFileURL(join(REPO_ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href;
  const before = process.memoryUsage.rss();
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    import(${JSON.stringify(pdfjs)}).then(async (pdfjs) => {
      const doc = await pdfjs.getDocument({ data: workerData.pdf, verbosity: 0, isEvalSupported: false }).promise;
      const ops = await (await doc.getPage(workerData.page)).getOperatorList();
      parentPort.postMessage('drawn: ' + ops.fnArray.length + ' operators');
    }).catch((error) => parentPort.postMessage('failed: ' + error.message));`,
    { eval: true, workerData: { pdf, page } },
  );
  let watch: NodeJS.Timeout | undefined;
  try {
    return await new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('still drawing'), seconds * 1000);
      if (memoryMb)
        watch = setInterval(() => {
          if (process.memoryUsage.rss() - before > memoryMb * 2 ** 20) resolve(`over ${memoryMb} MB`);
        }, 20);
      worker.once('message', (message: string) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  } finally {
    clearInterval(watch);
    await worker.terminate();
  }
}

describe('a damaged CFF font', () => {
  // pdf.js as published reads each of the 32,768 overlapping entries of the font's FDArray as a dictionary
  // of 60,000 entries (minutes; pdf.js's issue9278.pdf with 500 bytes zeroed took 68 s to read its text);
  // fixed, the entries hold no byte twice and the page is drawn at once.
  it('whose index has entries that overlap is read once, and the page drawn', async () => {
    expect(await drawPage(cffFontPdf(overlappingIndexCff()), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);

  // pdf.js as published lists a font dictionary for each glyph of each of the FDSelect's 65,535 ranges, 2
  // billion, until its memory runs out (2.5 GB in 12 s); fixed, it stops one past the font's 2 glyphs and
  // refuses the FDSelect as it did, and the page is drawn.
  it('whose FDSelect lists billions of glyphs is refused at once, and the page drawn', async () => {
    expect(await drawPage(cffFontPdf(manyRangesFdSelectCff()), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a form that paints with a pattern whose cell draws that form', () => {
  // pdf.js as published draws the cycle until its memory runs out (4 GB, about 50 s, and the process ends);
  // fixed, the form drawn inside itself is skipped, as pdf.js 6.0 does.
  it('is drawn once, the cycle skipped', async () => {
    expect(await drawPage(patternCyclePdf(), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a CMap whose ranges map millions of codes', () => {
  // pdf.js as published maps each of the 12.6 million codes one by one (past 8 s here); fixed, past 2^18 codes
  // the ranges are skipped and the page drawn at once.
  it('is read up to its budget, and the page drawn', async () => {
    expect(await drawPage(hugeToUnicodePdf(), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);

  // pdf.js as published (and with fix 10 alone) took each range written backwards off the count of codes
  // mapped, so the ranges after it mapped 8 million codes (a damaged ToUnicode of 6 KB: 2.6 GB and minutes);
  // fixed, a backward range maps nothing and counts nothing.
  it('whose ranges written backwards are skipped, not taken off its budget', async () => {
    expect(await drawPage(hugeToUnicodePdf(BACKWARD_RANGES), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);

  // pdf.js as published copies the 2,000-byte text once for each of the 262,144 codes (512 MB); fixed, text
  // mapped by ranges stops at 16 MB, 64 times a whole font's.
  it('whose ranges map to long text are read up to a budget of bytes', async () => {
    expect(await drawPage(hugeToUnicodePdf(LONG_TEXT_RANGES), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe("a font's sparse CMap", () => {
  // pdf.js as published searches the map from end to end for each of the font's 20,000 glyphs (past 8 s
  // here); fixed, it looks each up in an index of the map.
  it('is looked up, not searched, for each glyph, and the page drawn', async () => {
    expect(await drawPage(sparseCMapPdf(manyGlyphsCff(20_000), 20_000), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a TrueType font whose table of glyph names runs past the end of its data', () => {
  // pdf.js as published reads names at the end of the data for ever, a step back and a step on, each an
  // empty name kept, until its memory runs out (RangeError after 14 s, the import refused at 768 MB; a cut
  // in pdf.js's cidfont_cmap_overflow.pdf, fuzz --base seed 4); fixed, the names end with the data.
  it('is read to the end of its data, and the page drawn', async () => {
    expect(await drawPage(overlongPostTablePdf(), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a TrueType font whose cmap maps billions of codes', () => {
  // pdf.js as published makes an entry for each code until its memory runs out (a changed byte of pdf.js's
  // issue14881.pdf, fuzz --base seed 4: refused at 768 MB); fixed, it stops at 0x110000 entries (all of
  // Unicode) and the page is drawn.
  it.each([12, 4] as const)(
    'is read up to its budget, and the page drawn: format %i',
    async (format) => {
      expect(await drawPage(hugeCmapPdf(format), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe('a TrueType collection that says it holds billions of fonts', () => {
  // pdf.js as published reads an offset for each of the 4,294,967,295 fonts it is told of, past the end of
  // the data, until its memory runs out (1.6 GB, 9 s); or, told of 10,000 fonts, reads each one's table
  // directory, the same one of 10,000 entries each time (20 s). Fixed, it reads the offsets the data holds
  // and no more directories than the data has room for, and the page is drawn.
  it.each(['billions of fonts', 'one directory shared'] as const)(
    'is read as far as its data goes, and the page drawn: %s',
    async (damage) => {
      expect(await drawPage(trueTypeCollectionPdf(damage), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a TrueType font's hinting program that gives DELTAP a negative count", () => {
  // pdf.js as published, checking the program, takes a count of -32,768 pairs as 65,536 values pushed
  // (10,000 times, each followed by a DELTAP that pops them again: 50 s; pushed and never popped, its memory
  // runs out); fixed, a negative count (over two billion pairs, read as TrueType does, unsigned) empties the
  // stack, and the page is drawn.
  it('is checked at once, and the page drawn', async () => {
    expect(await drawPage(negativeDeltaCountPdf(), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe("a TrueType font's hinting program that calls a function pushing 63,750 values", () => {
  // pdf.js as published, checking the program, grows its stack by the function's 63,750 values at each call
  // without running it again, and pops DELTAP's values one at a time: 1,000 calls then 20,000 DELTAPs of
  // 32,767 pairs take over a minute; a call and a DELTAP 10,000 times, 2.6 GB in 8 s. Fixed, calls are no
  // longer followed once they have grown the stack by 2^20 values, values are popped at once, and the page
  // is drawn.
  it.each(['calls, then pops', 'a call and a pop, over and over'] as const)(
    'is checked at once, and the page drawn: %s',
    async (kind) => {
      expect(await drawPage(growingStackProgramPdf(kind), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a TrueType font's name table whose records all read the same bytes", () => {
  // pdf.js as published reads each name a character at a time and keeps them all: 5,000 names of 60,000
  // bytes in a font, until its memory runs out (1.5 GB in 15 s); 600 of 8,000 bytes in each of 3,000 fonts
  // of a collection, over a minute. Fixed, it reads 2^20 bytes of names in all and the page is drawn.
  it.each(['a font', 'a collection'] as const)(
    'is read up to its budget, and the page drawn: in %s',
    async (where) => {
      expect(await drawPage(repeatedNamesPdf(where), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe('a TrueType composite glyph drawn from a billion components', () => {
  // pdf.js as published draws each of the billion copies of the leaf glyph: a letter's outlines until its
  // memory runs out (1.6 GB, 15 s), an empty glyph for minutes; fixed, a glyph stops at 131,072 points and
  // components (TrueType numbers a glyph's points with 16 bits), and the page is drawn.
  it.each(['a letter', 'nothing'] as const)(
    'is drawn up to its budget, and the page drawn: the leaf %s',
    async (leaf) => {
      expect(await drawPage(compositeFanOutPdf(leaf), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a TrueType font's glyphs whose points run past their data", () => {
  // pdf.js as published reads a flag for each of the 65,536 points of each of 64,854 glyphs of 16 bytes, past
  // their ends (22 s, reading the page's text as well as drawing it); fixed, it drops each glyph at the end
  // of its data, as it did once it had read on, and the page is drawn.
  it('is dropped at the end of its data, and the page drawn', async () => {
    expect(await drawPage(pointlessGlyphsPdf(), 8)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a stitching function whose parts are one stitching function, ten times over, seven deep', () => {
  // pdf.js as published reads each part where it is named, 10^7 functions (41 s and 4.7 GB); fixed, a part
  // given by reference is read once, through pdf.js's cache of functions, and the page drawn.
  it('is read once a part, and the page drawn', async () => {
    expect(await drawPage(stitchingFanOutPdf(), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a sampled function that says it holds 100 million samples, its data 2 bytes', () => {
  // pdf.js as published makes every sample, zeros past the data (5.9 s and 1.5 GB); fixed, it makes those
  // the data holds, reads the rest as zeros, and the page is drawn.
  it('is read as far as its data goes, and the page drawn', async () => {
    expect(await drawPage(oversampledFunctionPdf(), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);

  it('gives the colours it gave: its samples where the data holds them, zero past it', async () => {
    const pdfjs = (await import(
      pathToFileURL(join(REPO_ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href
    )) as typeof import('pdfjs-dist');
    const doc = await pdfjs.getDocument({
      data: oversampledFunctionPdf(1000),
      verbosity: 0,
      isEvalSupported: false,
    }).promise;
    try {
      const ops = await (await doc.getPage(1)).getOperatorList();
      const colours = ops.fnArray.flatMap((fn, i) =>
        fn === pdfjs.OPS.setFillRGBColor ? ops.argsArray[i] : [],
      );
      expect(colours).toEqual(['#ffffff', '#000000']);
    } finally {
      await doc.destroy();
    }
  });
});

describe('a mesh shading whose vertices are read with 0 bits', () => {
  // pdf.js as published reads vertices of no bits for ever, never coming to the end of the data (3 GB after
  // 20 s); fixed, the shading is refused (drawn as nothing) and the page drawn.
  it.each([4, 5, 6, 7] as const)(
    'is refused, and the page drawn: type %i',
    async (type) => {
      expect(await drawPage(zeroBitsMeshPdf(type), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe('a CCITT fax image 10 pixels wide whose rows are coded a billion pixels wide', () => {
  // pdf.js as published decodes each row a billion pixels wide (15 s and 3.9 GB); fixed, /Columns more than
  // twice the image's /Width and 1,728 more is refused (an empty stream), and the page drawn.
  it('is refused, and the page drawn', async () => {
    expect(await drawPage(wideCcittPdf(), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a JPEG whose frame says it is 16,000 pixels square, its coded data under 1 KB', () => {
  // pdf.js as published makes room for each of the frame's 12 million blocks before it decodes (7.3 s and
  // 1.6 GB); fixed, a frame of more blocks than eight times its bytes is refused, and the page drawn.
  it('is refused, and the page drawn', async () => {
    expect(await drawPage(oversizedJpegPdf(), 8, 1, 768)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);

  it('is decoded at its own size when sound (64 by 32)', async () => {
    const pdfjs = (await import(
      pathToFileURL(join(REPO_ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href
    )) as typeof import('pdfjs-dist');
    const doc = await pdfjs.getDocument({
      data: oversizedJpegPdf(64, 32),
      verbosity: 0,
      isEvalSupported: false,
    }).promise;
    try {
      const page = await doc.getPage(1);
      const ops = await page.getOperatorList();
      const [name] = ops.argsArray[ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject)] as [string];
      const picture = await new Promise<{ width: number; height: number }>((resolve) =>
        page.objs.get(name, resolve),
      );
      expect([picture.width, picture.height]).toEqual([64, 32]);
    } finally {
      await doc.destroy();
    }
  });
});

describe('a damaged JBIG2 picture', () => {
  // pdf.js as published decodes each of these for ever (or for minutes); fixed, the page is drawn without
  // the picture in well under a second.
  it.each(Object.keys(DAMAGED_SYMBOL_DICTIONARIES) as (keyof typeof DAMAGED_SYMBOL_DICTIONARIES)[])(
    'is given up as damaged and the page drawn: %s',
    async (name) => {
      expect(await drawPage(damagedJbig2Pdf(name), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a CFF font's glyphs calling subroutines billions of times", () => {
  // pdf.js as published follows every call: a glyph calling a subroutine that calls the next 1,000 times,
  // three deep, is a billion calls (21 s to read its text, over a minute to draw); 16,384 glyphs of 19,600
  // calls each, 15 s. Fixed, a glyph past 2^16 operators, or any past 2^26 for the font, is read as an
  // invalid one (empty), and the page drawn.
  it.each([
    ['a glyph of a billion calls', () => cffFontPdf(subroutineFanOutCff(1, 1000, 4))],
    ['16,384 glyphs of 19,600 calls', () => cffFontPdf(subroutineFanOutCff(16_384, 140, 3))],
  ])(
    'is drawn empty, and the page drawn: %s',
    async (_name, pdf) => {
      expect(await drawPage(pdf(), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a Type 1 font's glyphs calling subroutines billions of times", () => {
  // pdf.js as published follows every call, keeping each line drawn: a glyph calling a subroutine that
  // calls the next 1,000 times, three deep, drawing a line at the bottom, held 2 GB after 12 s; 2,048
  // glyphs of 19,600 calls each, 3 GB after 32 s. Fixed, a glyph past 2^16 operators, or any past 2^22 for
  // the font, is read as an invalid one (empty), and the page drawn.
  it.each([
    ['a glyph of a billion calls', () => subroutineFanOutType1Pdf(1, 1000, 4)],
    ['2,048 glyphs of 19,600 calls', () => subroutineFanOutType1Pdf(2048, 140, 3)],
  ])(
    'is drawn empty, and the page drawn: %s',
    async (_name, pdf) => {
      expect(await drawPage(pdf(), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe('a JBIG2 segment header that does not fit its data', () => {
  // pdf.js as published reads on past the data until its memory runs out (4 GB, about 40 s, and the
  // process ended); fixed, the picture is given up and the page drawn without it.
  it.each([
    ['a segment running 4 GB past the end of its data', overlongSegmentJbig2Pdf],
    ['a segment referring to 536 million others', manyReferencesJbig2Pdf],
  ])(
    'is given up and the page drawn: %s',
    async (_name, pdf) => {
      expect(await drawPage(pdf(), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe("a JBIG2 picture's budget", () => {
  // Fuzz seed 45: 313 bytes cut from the scanner's PDF left page 2's picture (320 by 200) a symbol
  // dictionary of 157 million symbols and no data. Within the budget of 2^28 pixels pdf.js decoded them
  // for 15 s; in proportion to the picture's size (at least 2^24 pixels), about 1 s.
  it('follows the size the PDF gives the picture', async () => {
    const whole = Buffer.from(await scannerPdf());
    const cut = Buffer.concat([whole.subarray(0, 1264), whole.subarray(1264 + 313)]);
    expect(await drawPage(new Uint8Array(cut), 5, 2)).toMatch(/^drawn: \d+ operators$/);
  }, 20_000);
});

describe('a JBIG2 picture far larger than any page', () => {
  // pdf.js as published takes a page's or a region's size as given and decodes each of these until memory
  // runs out (the MMR-coded region held 2.8 GB after 15 s); fixed, the picture is given up past 2^28
  // pixels (a scanned A4 page at 600 dpi is 35 million) and the page drawn without it.
  it.each(Object.keys(OVERSIZED_JBIG2_PICTURES) as (keyof typeof OVERSIZED_JBIG2_PICTURES)[])(
    'is given up and the page drawn: %s',
    async (name) => {
      expect(await drawPage(oversizedJbig2Pdf(name), 8)).toMatch(/^drawn: \d+ operators$/);
    },
    20_000,
  );
});

describe('a sound JBIG2 picture', () => {
  it('is decoded pixel for pixel as the same page in CCITT G4 (fix 4 leaves sound pictures alone)', async () => {
    const pdfjs = (await import(
      pathToFileURL(join(REPO_ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href
    )) as typeof import('pdfjs-dist');
    const doc = await pdfjs.getDocument({ data: await scannerPdf(), verbosity: 0, isEvalSupported: false })
      .promise;
    try {
      const pictures: Uint8Array[] = [];
      for (const n of [1, 2]) {
        const page = await doc.getPage(n);
        const ops = await page.getOperatorList();
        const [name] = ops.argsArray[ops.fnArray.indexOf(pdfjs.OPS.paintImageXObject)] as [string];
        const picture = await new Promise<{ width: number; height: number; data: Uint8Array }>((resolve) =>
          page.objs.get(name, resolve),
        );
        expect([picture.width, picture.height]).toEqual([SCAN_WIDTH, SCAN_HEIGHT]);
        pictures.push(picture.data);
      }
      expect(Buffer.from(pictures[1]).equals(Buffer.from(pictures[0]))).toBe(true);
      // One bit a pixel, rows of whole bytes; a 0 is black.
      const black = [...pictures[1]].reduce((sum, byte) => sum + 8 - popCount(byte), 0);
      expect(black).toBe(scanBlackPixels());
    } finally {
      await doc.destroy();
    }
  });
});

function popCount(byte: number): number {
  let count = 0;
  for (let bits = byte; bits; bits >>= 1) count += bits & 1;
  return count;
}

/**
 * Text drawn in every state the text transform composes: a scaled and turned CTM, horizontal scaling, rise,
 * a skewed text matrix, a font size under 1, and a Type 3 font (whose glyph height enters the transform at
 * sizes up to 1).
 */
function textStatesPdf(): Uint8Array<ArrayBuffer> {
  const content = [
    'BT /F1 12 Tf 72 760 Td (Plain text at twelve points) Tj ET',
    'q 0.8 0.6 -0.6 0.8 300 400 cm',
    'BT /F1 10 Tf 150 Tz 3 Ts 1 0.2 0.1 1 10 10 Tm (Turned, scaled and risen) Tj -2 Ts (then lowered) Tj',
    '0 Ts 2 Tc 4 Tw (spaced out words) Tj [(kerned) -250 (apart)] TJ ET Q',
    'BT /F1 0.5 Tf 24 0 0 24 100 200 Tm (half a point, made large) Tj ET',
    'q -1 0 0 -1 500 300 cm BT /F1 9 Tf 0 0 Td (upside down) Tj ET Q',
    'BT /T3 1 Tf 30 0 0 30 72 100 Tm (abab) Tj /T3 14 Tf 1 0 0 1 300 100 Tm (ba) Tj ET',
  ].join('\n');
  const glyph = (width: number) => `${width} 0 0 0 ${width} 80 d1 0 0 ${width} 80 re f`;
  return rawPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /T3 6 0 R >> >> /Contents 4 0 R >>',
      { dict: '<< >>', stream: content },
      HELVETICA,
      '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 75 80] /FontMatrix [0.01 0 0 0.01 0 0] /CharProcs 7 0 R /Encoding << /Type /Encoding /Differences [97 /a /b] >> /FirstChar 97 /LastChar 98 /Widths [60 75] /Resources << >> >>',
      '<< /a 8 0 R /b 9 0 R >>',
      { dict: '<< >>', stream: glyph(60) },
      { dict: '<< >>', stream: glyph(75) },
    ],
    '/Root 1 0 R',
  );
}

/**
 * What `perDocument` (JavaScript given `doc`, each PDF opened in turn, and returning what it found) finds in
 * each of `pdfs`, with `workerSource` as pdf.js's worker module, in a worker thread.
 */
async function eachDocumentWith(
  workerSource: string,
  pdfs: Uint8Array[],
  perDocument: string,
  inRanges = false,
): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'pdfjs-worker-'));
  const workerFile = join(dir, 'pdf.worker.mjs');
  writeFileSync(workerFile, workerSource);
  const pdfjs = pathToFileURL(join(REPO_ROOT, 'node_modules/pdfjs-dist/legacy/build/pdf.mjs')).href;
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      globalThis.pdfjsWorker = await import(${JSON.stringify(pathToFileURL(workerFile).href)});
      const pdfjs = await import(${JSON.stringify(pdfjs)});
      const found = [];
      for (const data of workerData.pdfs) {
        // Read in ranges as pdf/read/pdfjsFile.ts reads a file: \`requests\` are the ranges pdf.js asked for.
        const requests = [];
        const transport = new pdfjs.PDFDataRangeTransport(data.length, data.subarray(0, 65536));
        transport.requestDataRange = (begin, end) => {
          requests.push([begin, end]);
          setImmediate(() => transport.onDataRange(begin, data.slice(begin, Math.min(end, data.length))));
        };
        const options = workerData.inRanges
          ? { range: transport, length: data.length, disableAutoFetch: true, disableStream: true, rangeChunkSize: 262144 }
          : { data };
        const doc = await pdfjs.getDocument({ ...options, verbosity: 0, isEvalSupported: false }).promise;
        found.push(await (async () => { ${perDocument} })());
        await doc.destroy();
      }
      return found;
    })().then((found) => parentPort.postMessage(found), (error) => parentPort.postMessage('failed: ' + error.message));`,
    { eval: true, workerData: { pdfs, inRanges } },
  );
  try {
    return await new Promise((resolve) => worker.once('message', resolve));
  } finally {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each page's text as pdf.js reads it, with `workerSource` as pdf.js's worker module, in a worker thread. */
async function textWith(workerSource: string, pdfs: Uint8Array[]): Promise<unknown[]> {
  const found = await eachDocumentWith(
    workerSource,
    pdfs,
    `const texts = [];
    for (let page = 1; page <= doc.numPages; page++)
      texts.push((await (await doc.getPage(page)).getTextContent()).items);
    return texts;`,
  );
  return Array.isArray(found) ? found.flat(1) : [found];
}

describe("the text transform composed without pdf.js's two arrays a glyph", () => {
  // A fix for speed, not for damage: verification reads the text of a sample of every bundle's pages, and
  // pdf.js made three arrays for each glyph's transform. The same arithmetic in the same order, so every
  // item is as pdf.js as published gives it, to the last bit.
  it('gives every text item as pdf.js as published does', async () => {
    const fix = PDFJS_FIXES.find((f) => f.name.startsWith('the text transform'))!;
    const source = installed('legacy/build/pdf.worker.mjs');
    const without = fix.steps.reduceRight((text, step) => text.split(step.replace).join(step.find), source);
    expect(without).not.toBe(source);
    const pdfs = [
      textStatesPdf(),
      fixture('valid/pdflib-us_constitution.pdf'),
      fixture('structure/qpdf-annotations-rotated-90.pdf'),
      fixture('valid/pdflib-standard_fonts_demo.pdf'),
    ];
    const [fixed, published] = await Promise.all([textWith(source, pdfs), textWith(without, pdfs)]);
    expect(Array.isArray(fixed) && fixed.length).toBeGreaterThan(pdfs.length);
    const states = JSON.stringify((fixed as { str: string }[][])[0].map((item) => item.str));
    for (const text of ['Turned, scaled and risen', 'half a point', 'upside down', 'abab'])
      expect(states).toContain(text);
    expect(fixed).toEqual(published);
  }, 30_000);
});

/** A page tree for treePdf: a page (its number gives its width), or a node of kids. */
type Tree = number | Tree[];

/**
 * A PDF whose page tree is `tree` (the top node's /Count `count`, else its pages): page n is 100 + n points
 * wide. Each number is one page object, so a number given twice is a page listed twice.
 */
function treePdf(tree: Tree[], count?: number): Uint8Array {
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const pages = new Map<number, number>();
  const leaves = (t: Tree): number =>
    typeof t === 'number' ? 1 : t.reduce((n: number, k) => n + leaves(k), 0);
  const node = (kids: Tree[], id: number, parent: number | null): void => {
    const refs = kids.map((kid) => {
      if (typeof kid === 'number') {
        let ref = pages.get(kid);
        if (ref === undefined) {
          objects.push(`<< /Type /Page /Parent ${id} 0 R /MediaBox [0 0 ${100 + kid} 200] >>`);
          pages.set(kid, (ref = objects.length));
        }
        return ref;
      }
      objects.push('');
      const ref = objects.length;
      node(kid, ref, id);
      return ref;
    });
    const total = id === 2 && count !== undefined ? count : leaves(kids);
    objects[id - 1] =
      `<< /Type /Pages ${parent ? `/Parent ${parent} 0 R ` : ''}/Kids [${refs.map((r) => `${r} 0 R`).join(' ')}] /Count ${total} >>`;
  };
  node(tree, 2, null);
  return rawPdf(objects, '/Root 1 0 R');
}

/**
 * Each page's width as pdf.js reads it (or why it could not), and the page index pdf.js gives its object,
 * with `workerSource` as pdf.js's worker module, in a worker thread.
 */
function pagesWith(workerSource: string, pdfs: Uint8Array[]): Promise<unknown> {
  return eachDocumentWith(
    workerSource,
    pdfs,
    `const pages = [];
    for (let n = 1; n <= doc.numPages; n++)
      pages.push(await doc.getPage(n).then(
        async (page) => [page.view[2], await doc.getPageIndex(page.ref)],
        (error) => 'failed: ' + error.message,
      ));
    return { numPages: doc.numPages, pages };`,
  );
}

describe('a page tree of one node holding every page', () => {
  const fix = PDFJS_FIXES.find((f) => f.name.startsWith('a page found by a step'))!;
  const source = installed('legacy/build/pdf.worker.mjs');
  const without = fix.steps.reduceRight((text, step) => text.split(step.replace).join(step.find), source);
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

  it('gives every page, and its index, as pdf.js as published does, whatever the tree', async () => {
    expect(without).not.toBe(source);
    const pdfs = [
      treePdf(range(0, 300)),
      treePdf([...range(0, 10), range(10, 20), ...range(20, 30)]),
      treePdf([range(0, 8), range(8, 16), 16]),
      treePdf([0, 1, 1, 2, 3]),
      treePdf(range(0, 10), 5),
      treePdf(range(0, 10), 14),
    ];
    const [fixed, published] = await Promise.all([pagesWith(source, pdfs), pagesWith(without, pdfs)]);
    expect((fixed as { numPages: number }[]).map((doc) => doc.numPages)).toEqual([300, 30, 17, 5, 5, 10]);
    expect(fixed).toEqual(published);
  }, 30_000);

  it('reads every page of a 10,000-page one in one pass', async () => {
    // pdf.js as published takes 50 million steps here: 24 s, against under a second.
    const [doc] = (await pagesWith(source, [treePdf(range(0, 10_000))])) as { pages: unknown[] }[];
    expect(doc.pages).toHaveLength(10_000);
    expect(doc.pages[9_999]).toEqual([10_099, 9_999]);
  }, 15_000);
});

describe('an object larger than a range of a file read in ranges', () => {
  const fix = PDFJS_FIXES.find((f) => f.name.startsWith('an object larger than a range'))!;
  const source = installed('legacy/build/pdf.worker.mjs');
  const without = fix.steps.reduceRight((text, step) => text.split(step.replace).join(step.find), source);
  /** Each document's text, and the ranges pdf.js asked for, read in ranges of 256 KB. */
  const readInRanges = (workerSource: string, pdfs: Uint8Array[]) =>
    eachDocumentWith(
      workerSource,
      pdfs,
      `const texts = [];
      for (let page = 1; page <= doc.numPages; page++)
        texts.push((await (await doc.getPage(page)).getTextContent()).items.map((item) => item.str).join(''));
      return { texts, requests };`,
      true,
    ) as Promise<{ texts: string[]; requests: [number, number][] }[]>;

  it('is read in growing ranges, not parsed again for every one, its text as before', async () => {
    expect(without).not.toBe(source);
    // A font's /Widths of a million numbers: 4 MB, sixteen ranges.
    const pdf = bigArrayPdf(1_000_000);
    const [[fixed], [published]] = await Promise.all([
      readInRanges(source, [pdf]),
      readInRanges(without, [pdf]),
    ]);
    expect(fixed.texts).toEqual(['Sam needs support']);
    expect(published.texts).toEqual(fixed.texts);
    // pdf.js as published asks for each 256 KB in turn as it parses the array again from its start.
    expect(published.requests.length).toBeGreaterThanOrEqual(16);
    expect(fixed.requests.length).toBeLessThanOrEqual(7);
    const sizes = fixed.requests.map(([begin, end]) => end - begin);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  }, 60_000);

  it('leaves the text of other files as it was', async () => {
    const pdfs = [
      fixture('valid/pdflib-us_constitution.pdf'),
      fixture('structure/pdflib-linearized_with_object_streams.pdf'),
      fixture('structure/qpdf-annotations-rotated-90.pdf'),
    ];
    const [fixed, published] = await Promise.all([readInRanges(source, pdfs), readInRanges(without, pdfs)]);
    expect(fixed.map((doc) => doc.texts)).toEqual(published.map((doc) => doc.texts));
    expect(fixed[0]?.texts.join('')).toContain('We the People');
  }, 60_000);
});
