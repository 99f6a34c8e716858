/**
 * npm run fuzz [-- --minutes 10] [-- --seed N] [-- --keep DIR] [-- --json]: damaged copies of PDFs (bytes
 * flipped, a range cut out, copied twice or zeroed, the file cut short) through the real import, and a build
 * of each one imported. A seeded generator: the same seed makes the same files again.
 *
 * Fails (exit 1) on an import that throws instead of refusing, one slower than 30 s, a refusal that does not
 * name the file, or a build of an imported file that does not pass its verification; such files are kept in
 * --keep (default: a temporary folder, printed). Refused files that poppler draws without one complaint, and
 * imported ones with fewer pages than poppler counts, are listed to look at, not failures: poppler draws
 * what it can of a page whose objects are gone, and counts what a page tree's /Count says.
 *
 * The bases: the shared fixtures under 400 KB (../shared/fixtures/pdfs: valid and structure) and a
 * generated three-page report.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createServices } from '../electron/services';
import { closeServiceContext, openServiceContext } from '../electron/services/context';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import { closeIdleWorkers } from '../electron/services/untrusted/runner';
import { seeded } from '../tests/helpers/seeded';
import { makeTextPdf } from '../tests/helpers/seed';
import { CLI_DIR, cliBuildIsFresh } from './cliFresh.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, '..', 'shared', 'fixtures', 'pdfs');
const SLOW_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

async function bases(): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  found.set('generated report', new Uint8Array(await makeTextPdf('Compressed report', 3)));
  for (const dir of ['valid', 'structure']) {
    const folder = join(FIXTURES, dir);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.pdf'))) {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      if (bytes.length < 400_000) found.set(`${dir}/${name}`, bytes);
    }
  }
  return found;
}

/** One damaged copy: what was done, and the bytes. */
function damage(bytes: Uint8Array, random: () => number): { what: string; bytes: Uint8Array<ArrayBuffer> } {
  const pick = (n: number) => Math.floor(random() * n);
  const copy = new Uint8Array(bytes);
  const start = pick(copy.length);
  const length = 1 + pick(Math.max(1, Math.min(2000, copy.length - start)));
  switch (pick(5)) {
    case 0: {
      const flips = 1 + pick(20);
      for (let i = 0; i < flips; i++) copy[pick(copy.length)] = pick(256);
      return { what: `${flips} bytes changed`, bytes: copy };
    }
    case 1:
      return {
        what: `${length} bytes cut out at ${start}`,
        bytes: new Uint8Array(Buffer.concat([copy.subarray(0, start), copy.subarray(start + length)])),
      };
    case 2:
      return {
        what: `${length} bytes at ${start} copied twice`,
        bytes: new Uint8Array(Buffer.concat([copy.subarray(0, start + length), copy.subarray(start)])),
      };
    case 3:
      return { what: `cut short at ${start + 1}`, bytes: copy.slice(0, start + 1) };
    default:
      copy.fill(0, start, start + Math.min(length, 500));
      return { what: `${Math.min(length, 500)} bytes zeroed at ${start}`, bytes: copy };
  }
}

/** How many pages poppler counts in the file (pdfinfo), or null when it cannot open it. */
function popplerPages(bytes: Uint8Array, work: string): number | null {
  const file = join(work, 'imported.pdf');
  writeFileSync(file, bytes);
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8', timeout: 30_000 });
  const pages = /^Pages:\s+(\d+)/m.exec(info.stdout ?? '');
  return info.status === 0 && pages ? Number(pages[1]) : null;
}

/** Whether poppler draws every page without printing a complaint (none when pdftoppm is missing). */
function popplerDrawsCleanly(bytes: Uint8Array, work: string): boolean {
  const file = join(work, 'refused.pdf');
  writeFileSync(file, bytes);
  const drawn = spawnSync('pdftoppm', ['-r', '10', '-png', file, join(work, 'page')], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return drawn.status === 0 && drawn.stderr.trim() === '';
}

async function main(): Promise<void> {
  installPdfLibPatches();
  // Workers from the prebuilt bundle, as the app runs them, when it is current (tests/setup/bundledWorkers.ts).
  if (cliBuildIsFresh())
    globalThis.__sendBundleWorkers = { dir: pathToFileURL(CLI_DIR + '/').href, ext: '.mjs' };
  const seed = Number(args.seed);
  const minutes = Number(args.minutes);
  if (!Number.isFinite(seed) || !Number.isFinite(minutes) || minutes <= 0)
    throw new Error('--seed and --minutes take numbers, for example --seed 7 --minutes 5');
  const keep = args.keep ?? mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-'));
  mkdirSync(keep, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-data-'));
  const work = mkdtempSync(join(tmpdir(), 'send-bundle-fuzz-work-'));
  const ctx = openServiceContext(dataDir, {});
  const services = createServices(ctx);
  const random = seeded(seed);
  const all = await bases();
  const names = [...all.keys()];
  const hasPoppler = spawnSync('pdftoppm', ['-v']).status === 0;
  const counts = { files: 0, imported: 0, refused: 0, built: 0 };
  const failures: string[] = [];
  const toLookAt: string[] = [];
  const endAt = Date.now() + minutes * 60_000;
  try {
    while (Date.now() < endAt) {
      const n = ++counts.files;
      const base = names[Math.floor(random() * names.length)];
      const { what, bytes } = damage(all.get(base)!, random);
      const id = `${base}, ${what}`;
      const name = `fuzz-${seed}-${n}.pdf`;
      const caseId = services.cases.create({
        title: 'Fuzz',
        role: 'parent',
        appealType: 'contents-of-plan',
      }).id;
      const started = Date.now();
      let failure = '';
      try {
        const [outcome] = await services.documents.import({
          caseId,
          section: 'C',
          files: [{ name, data: bytes }],
          ocr: false,
        });
        if (outcome.status === 'refused') {
          counts.refused++;
          if (!outcome.reason.includes(name)) failure = `refused without naming the file: ${outcome.reason}`;
          else if (hasPoppler && popplerDrawsCleanly(bytes, work))
            toLookAt.push(`${name} (${id}): ${outcome.reason}`);
        } else if (outcome.status === 'imported') {
          counts.imported++;
          // Pages lost without a word: poppler counts more than were imported (its count may also be a
          // page tree's wrong /Count, so this is a file to look at).
          const popplerCount = hasPoppler ? popplerPages(bytes, work) : null;
          if (popplerCount !== null && popplerCount > outcome.pageCount)
            toLookAt.push(
              `${name} (${id}): imported with ${outcome.pageCount} pages where poppler counts ${popplerCount}`,
            );
          const version = await services.bundle.build(caseId, { compiledDate: '2026-03-01' });
          counts.built++;
          if (!version.verification.ok) failure = `its bundle failed verification`;
        }
      } catch (error) {
        failure = `import or build threw: ${(error as Error)?.stack ?? String(error)}`;
      }
      const took = Date.now() - started;
      if (!failure && took > SLOW_MS) failure = `took ${(took / 1000).toFixed(1)} s`;
      if (failure) failures.push(`${name} (${id}): ${failure}`);
      if (failure || toLookAt.at(-1)?.startsWith(name)) writeFileSync(join(keep, name), bytes);
    }
  } finally {
    closeServiceContext(ctx);
    await closeIdleWorkers();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
  const report = { seed, minutes, ...counts, failures, toLookAt, kept: keep };
  if (args.json) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `Seed ${seed}, ${minutes} min: ${counts.files} damaged files, ${counts.imported} imported (${counts.built} built), ${counts.refused} refused.`,
    );
    for (const line of failures) console.log(`FAILED ${line}`);
    console.log(
      `${toLookAt.length} files to look at (refused though poppler draws them without a complaint, or imported with fewer pages than poppler counts)${toLookAt.length ? ':' : '.'}`,
    );
    for (const line of toLookAt) console.log(`  ${line}`);
    if (failures.length || toLookAt.length) console.log(`Kept in ${keep}`);
  }
  process.exit(failures.length ? 1 : 0);
}

await main();
