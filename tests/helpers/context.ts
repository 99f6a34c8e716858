import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeServiceContext,
  openServiceContext,
  type ServiceContext,
} from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services';
import type { BundleSettings } from '../../shared/bundle/settings';
import type { BundleVersion } from '../../shared/bundle/types';
import type { ImportOutcome } from '../../shared/domain/documents';

export const FIXTURES = join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'pdfs');

/** A fresh data directory with services over it; call `dispose()` when done. */
export function tempServices(options: { clock?: () => Date; maxImportBytes?: number } = {}): {
  dir: string;
  ctx: ServiceContext;
  services: Services;
  dispose: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'send-bundle-test-'));
  const ctx = openServiceContext(dir, {
    clock: options.clock ?? (() => new Date('2026-03-01T10:00:00Z')),
    ...options,
  });
  return {
    dir,
    ctx,
    services: createServices(ctx),
    dispose: () => {
      closeServiceContext(ctx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A new case holding one file imported as evidence (section C), built into a bundle dated 1 March 2026
 * with `settings`: its one document's first page is the bundle's page 3, after the cover and index.
 */
export async function bundleOfOne(
  services: Services,
  name: string,
  data: Uint8Array<ArrayBuffer>,
  settings: BundleSettings = {},
): Promise<{ outcome: Extract<ImportOutcome, { status: 'imported' }>; bundle: BundleVersion }> {
  const c = services.cases.create({ title: name, role: 'parent', appealType: 'refusal-to-assess' });
  const [outcome] = await services.documents.import({ caseId: c.id, section: 'C', files: [{ name, data }] });
  if (outcome.status !== 'imported') throw new Error(`${name} was not imported: ${JSON.stringify(outcome)}`);
  const bundle = await services.bundle.build(c.id, { compiledDate: '2026-03-01', ...settings });
  return { outcome, bundle };
}
