/**
 * pdf.js's own fixes (scripts/pdfjsFixes.mjs): written into the installed pdf.js by `npm install`, made
 * once, and said when pdf.js changed and a fix is not found.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXED_FILES, fixPdfjsWorker, PDFJS_FIXES } from '../../../scripts/pdfjsFixes.mjs';
import { patchPdfjsWorker } from '../../../scripts/pdfjsLoad.mjs';
import { REPO_ROOT } from '../../helpers/repo';

const installed = (file: string) => readFileSync(join(REPO_ROOT, 'node_modules', 'pdfjs-dist', file), 'utf8');

describe("pdf.js's own fixes", () => {
  it.each(FIXED_FILES)('are in the installed %s (npm install runs them)', (file) => {
    const { made, already, missing } = fixPdfjsWorker(installed(file));
    expect({ made, missing }).toEqual({ made: [], missing: [] });
    expect(already).toEqual(PDFJS_FIXES.map((fix) => fix.name));
  });

  it('are made in pdf.js as published, each where it belongs, and only once', () => {
    const source = installed('legacy/build/pdf.worker.mjs');
    const published = PDFJS_FIXES.reduce((text, fix) => text.split(fix.replace).join(fix.find), source);
    const first = fixPdfjsWorker(published);
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

  it("are in the command line's bundle of pdf.js even where the install did not make them", () => {
    const source = installed('legacy/build/pdf.worker.mjs');
    const published = PDFJS_FIXES.reduce((text, fix) => text.split(fix.replace).join(fix.find), source);
    const { contents, warnings } = patchPdfjsWorker(published);
    expect(warnings).toEqual([]);
    for (const fix of PDFJS_FIXES) expect(contents).toContain(fix.replace);
  });
});
