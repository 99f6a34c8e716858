/**
 * The delivery parts tests' case (tests/integration/electron/services/bundle/deliveryParts.test.ts at a few
 * megabytes, tests/bench/parts-200mb.test.ts at about 200 MB): an EHC plan, scanned reports and a letter,
 * built as one bundle and split into parts.
 */
import type { BundleFileInfo } from '../../shared/bundle/delivery';
import type { BundleVersion } from '../../shared/bundle/types';
import type { tempServices } from './context';
import { makeTextPdf, seedDocument } from './seed';

export interface PartsCase {
  hearingDate?: string;
  ehcPlanPages: number;
  /** Each made when it is stored (big scans are not all held at once), titled "Scanned report N" in order. */
  scans: { section: string; pdf: () => Uint8Array | Promise<Uint8Array> }[];
  letter: { title: string; pages: number };
  numbering: 'section' | 'continuous';
  /** The part size; the service's default when left out. */
  sizeMb?: number;
}

export async function buildPartsBundle(
  env: ReturnType<typeof tempServices>,
  setup: PartsCase,
): Promise<{ version: BundleVersion; parts: BundleFileInfo[] }> {
  const c = env.services.cases.create({
    title: 'Appeal for Sam Example',
    role: 'la',
    appealType: 'contents-of-plan',
    childName: 'Sam Example',
    tribunalRef: 'EH999/25/01234',
    ...(setup.hearingDate ? { hearingDate: setup.hearingDate } : {}),
  });
  await seedDocument(env.ctx, c.id, 'B', await makeTextPdf('EHC plan', setup.ehcPlanPages), {
    title: 'EHC plan',
    kind: 'ehc-plan',
  });
  for (const [i, scan] of setup.scans.entries())
    await seedDocument(env.ctx, c.id, scan.section, await scan.pdf(), { title: `Scanned report ${i + 1}` });
  await seedDocument(env.ctx, c.id, 'D', await makeTextPdf(setup.letter.title, setup.letter.pages), {
    title: setup.letter.title,
  });
  const version = await env.services.bundle.build(c.id, {
    numbering: setup.numbering,
    compiledDate: '2026-02-01',
  });
  const parts = await env.services.bundle.parts(
    c.id,
    version.version,
    setup.sizeMb === undefined ? {} : { sizeMb: setup.sizeMb },
  );
  return { version, parts };
}
