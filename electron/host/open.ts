/**
 * What each host (the Electron main process, the browser bridge) does before it can answer a call: the
 * pdf-lib patches, the data folder, the services, the router and the running operations. A host then
 * adds only its transport (electron/ipc/register.ts, electron/bridge/server.ts).
 */
import { createHandlers } from '../ipc/handlers';
import { createRouter, type Handlers, type Router } from '../ipc/router';
import { createServices, type Services } from '../services';
import {
  closeServiceContext,
  dataFolderGone,
  openServiceContext,
  type ServiceContext,
} from '../services/context';
import { runHousekeeping } from '../services/housekeeping';
import { installPdfLibPatches, PdfLibVersionError } from '../services/pdf/pdfLibPatches';
import { storageFault } from '../services/storageFaults';
import { createOperations, type Operations } from './operations';

export interface HostOptions {
  clock?: () => Date;
  maxImportBytes?: number;
  /** Where unexpected errors in calls are logged. */
  log?: (error: unknown) => void;
  /** Tests only: wrap the handler table (for example to make a call slow enough to cancel). */
  handlers?: (services: Services) => Handlers;
}

export interface AppHost {
  ctx: ServiceContext;
  services: Services;
  router: Router;
  operations: Operations;
  /** Stops running operations and closes the data folder. */
  close(): void;
}

/** Opens the data folder (migrating it) and everything a host needs over it. Throws if it cannot. */
export function openHost(dataDir: string, options: HostOptions = {}): AppHost {
  installPdfLibPatches();
  const ctx = openServiceContext(dataDir, { clock: options.clock, maxImportBytes: options.maxImportBytes });
  runHousekeeping(ctx);
  let services: Services;
  let router: Router;
  try {
    services = createServices(ctx);
    router = createRouter((options.handlers ?? createHandlers)(services), options.log, {
      dataDir: ctx.paths.dataDir,
      folderGone: () => dataFolderGone(ctx),
    });
  } catch (error) {
    closeServiceContext(ctx);
    throw error;
  }
  const operations = createOperations(router);
  return {
    ctx,
    services,
    router,
    operations,
    close() {
      operations.cancelAll();
      closeServiceContext(ctx);
    },
  };
}

/**
 * What to tell the user when openHost fails, in their words, or undefined for a fault the host can only call
 * unexpected: a database from a newer version, a pdf-lib the app was not made for, a full disk, a read-only
 * or missing folder, a damaged database (storageFaults.ts).
 */
export function openFailureReason(error: unknown, dataDir: string): string | undefined {
  if (error instanceof PdfLibVersionError) return error.message;
  return storageFault(error, dataDir)?.message;
}
