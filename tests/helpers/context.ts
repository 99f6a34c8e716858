import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closeServiceContext,
  openServiceContext,
  type ServiceContext,
} from '../../electron/services/context';
import { createServices, type Services } from '../../electron/services';

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
