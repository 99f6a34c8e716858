/**
 * Where import reads a file: in the untrusted-file worker (untrusted/runner.ts), with the limits of
 * shared/limits.ts checked before any parser runs, a time limit and a memory cap. What import does to the
 * file is preparePdf (import.ts); this module only decides where it runs and turns the worker's stops
 * into refusals that name the limit.
 */
import { LIMITS } from '../../../shared/limits';
import type { OperationOptions, ServiceContext } from '../context';
import { runUntrusted, UntrustedOutOfMemory, UntrustedTimeout } from '../untrusted/runner';
import type { HelperPrograms, Prepared, Unpacked } from './import';
import { refuse } from './refusals';
import { sniffFileType } from './sniff';

export async function prepareInWorker(
  ctx: Pick<ServiceContext, 'store'>,
  name: string,
  bytes: Uint8Array,
  tools: HelperPrograms,
  op: OperationOptions,
  progress: (message: string) => void,
  /** Take the files attached to it (or in it, an archive's) out, to be added after it (preparePdf). */
  takeAttachments = true,
): Promise<Prepared | Unpacked> {
  // Which helper programs the file may need, decided from its first bytes only (not parsing it).
  const kind = sniffFileType(bytes).kind;
  try {
    return await runUntrusted(
      'import.prepare',
      {
        name,
        bytes,
        storeRoot: ctx.store.root,
        qpdf: kind === 'other' ? null : tools.qpdf(),
        soffice: kind === 'docx' ? tools.soffice() : null,
        pdftoppm: tools.pdftoppm?.() ?? null,
        takeAttachments,
      },
      {
        signal: op.signal,
        onProgress: (event) => progress(event.message),
        timeoutMs: LIMITS.importSeconds * 1000,
      },
    );
  } catch (error) {
    if (error instanceof UntrustedTimeout) throw refuse.tookTooLong(name, LIMITS.importSeconds, kind);
    if (error instanceof UntrustedOutOfMemory) throw refuse.tooMuchMemory(name, kind);
    throw error;
  }
}
