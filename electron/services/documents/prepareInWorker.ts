/**
 * Where import reads a file: in the untrusted-file worker (untrusted/runner.ts), with the limits of
 * shared/limits.ts checked before any parser runs, a time limit and a memory cap. What import does to the
 * file is preparePdf (import.ts); this module only decides where it runs and turns the worker's stops
 * into refusals that name the limit.
 */
import { LIMITS } from '../../../shared/limits';
import type { OperationOptions, ServiceContext } from '../context';
import { runUntrusted, UntrustedOutOfMemory, UntrustedTimeout } from '../untrusted/runner';
import type { HelperPrograms, Prepared } from './import';
import { refuse } from './refusals';
import { sniffFileType } from './sniff';

export async function prepareInWorker(
  ctx: Pick<ServiceContext, 'store'>,
  name: string,
  bytes: Uint8Array,
  tools: HelperPrograms,
  op: OperationOptions,
  progress: (message: string) => void,
  /** The bytes were read for this import alone (from a path): hand them over instead of copying. */
  ownBytes = false,
  /** Take the files attached to it out, to be added after it (preparePdf). */
  takeAttachments = true,
): Promise<{ prepared: Prepared; original: Uint8Array }> {
  // Which helper programs the file may need, decided from its first bytes only (not parsing it).
  const kind = sniffFileType(bytes).kind;
  // A file read for this import owns its memory: it is handed to the worker, not copied, and comes back.
  const own = ownBytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const transfer =
    own && bytes.buffer instanceof ArrayBuffer && bytes.byteLength > 1024 * 1024 ? [bytes.buffer] : [];
  try {
    const { original, ...prepared } = await runUntrusted(
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
      transfer,
    );
    return { prepared, original };
  } catch (error) {
    if (error instanceof UntrustedTimeout) throw refuse.tookTooLong(name, LIMITS.importSeconds);
    if (error instanceof UntrustedOutOfMemory) throw refuse.tooMuchMemory(name);
    throw error;
  }
}
