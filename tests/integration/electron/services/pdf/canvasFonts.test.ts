/**
 * Skia (@napi-rs/canvas) reads the computer's fonts only when a page is drawn (electron/services/pdf/
 * canvasFonts.mjs): loading pdf.js to read text does not read them, and drawing a page has every font Skia
 * would have read as it loaded. Each case runs in a process of its own: Skia keeps fonts for the whole
 * process, and the tests share one.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..', '..', '..');
const work = mkdtempSync(join(tmpdir(), 'canvas-fonts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `body` (TypeScript, top-level await) in a new Node process from the source tree; its output, as JSON. */
function inNewProcess(body: string, env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const script = `
    const { createRequire } = await import('node:module');
    const canvasFamilies = () =>
      createRequire(${JSON.stringify(join(ROOT, 'package.json'))})('@napi-rs/canvas').GlobalFonts.families.length;
    const out = {};
    ${body}
    process.stdout.write(JSON.stringify(out));`;
  const printed = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return JSON.parse(printed) as Record<string, number>;
}

describe("the computer's fonts in Skia", () => {
  // A font installed for the user (~/.fonts on Linux), so that there is one to find on any machine.
  const home = join(work, 'home');
  mkdirSync(join(home, '.fonts'), { recursive: true });
  copyFileSync(
    join(ROOT, 'resources', 'fonts', 'NotoSansArabic-Regular.ttf'),
    join(home, '.fonts', 'Arabic.ttf'),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
  delete env.DISABLE_SYSTEM_FONTS_LOAD;

  it.skipIf(process.platform !== 'linux')(
    'are not read when pdf.js loads to read text, and are all there when a page is drawn',
    () => {
      const onItsOwn = inNewProcess('out.families = canvasFamilies();', env).families;
      // @napi-rs/canvas on its own reads the user's font too.
      expect(onItsOwn).toBeGreaterThan(0);
      const result = inNewProcess(
        `
      const { pdfjs } = await import(${JSON.stringify(join(ROOT, 'electron/services/pdf/pdfjs.ts'))});
      const { picturesOfPages } = await import(${JSON.stringify(join(ROOT, 'electron/services/documents/rasterise.ts'))});
      const { PDFDocument, StandardFonts } = await import('@cantoo/pdf-lib');
      const lib = await pdfjs();
      const doc = await PDFDocument.create();
      const page = doc.addPage([300, 200]);
      page.drawText('Drawn with fonts', { x: 20, y: 100, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
      const bytes = await doc.save();
      const opened = await lib.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
      out.pagesRead = (await (await opened.getPage(1)).getTextContent()).items.length;
      await opened.destroy();
      out.afterReading = canvasFamilies();
      const pictures = await picturesOfPages(bytes, [1], { pdftoppm: null, workRoot: ${JSON.stringify(work)} });
      out.pictureBytes = pictures.get(1)?.jpeg.length ?? 0;
      out.afterDrawing = canvasFamilies();`,
        env,
      );
      expect(result.pagesRead).toBeGreaterThan(0);
      expect(result.afterReading).toBe(0);
      expect(result.pictureBytes).toBeGreaterThan(1000);
      expect(result.afterDrawing).toBe(onItsOwn);
    },
    60_000,
  );
});
