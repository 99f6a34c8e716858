/**
 * A worker run as a process of its own, for reading untrusted files. A worker thread's memory cap covers
 * only its JavaScript heap: the byte arrays a hostile file makes a parser allocate, and a crash in native
 * code (zlib, the image decoders, the canvas), are the whole process's, so in a thread they could take the
 * app down, or the command line, with the user's work. In a process of its own the same file ends that
 * process only, and the app says what happened.
 *
 * It answers as a worker thread does (message, error, exit; postMessage, ref, unref), so the runner
 * (untrusted/runner.ts) takes either. Its module talks through ./jobPort.ts. It is started in a process
 * group of its own, so that stopping it also ends the helper programs (qpdf, LibreOffice) it started.
 * Large byte arrays go by file through its own folder (./bytesByFile.ts), which goes when it stops.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesFromFiles, bytesToFiles } from './bytesByFile';
import { BYTES_FOLDER_ENV, WORKER_DATA_ENV } from './jobPort';

declare global {
  // Set by the command line (cli/send-bundle.mjs): the V8 flags it runs with, which its isolated processes
  // share (V8 refuses a code cache saved under other flags).
  var __sendBundleV8Flags: readonly string[] | undefined;
}

/** The process ended without being asked to. */
export class IsolatedProcessCrash extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    /** It ran out of memory: its heap cap, or the system's (which ends a process with SIGKILL). */
    readonly outOfMemory: boolean,
    readonly stderrTail: string,
  ) {
    super(
      outOfMemory
        ? 'The file reader ran out of memory.'
        : `The file reader stopped unexpectedly (${signal ?? `exit ${exitCode}`}).`,
    );
  }
}

export interface IsolatedProcessOptions {
  /** Its JavaScript heap's cap (--max-old-space-size). */
  heapMb: number;
  /** Its process.argv after the script. */
  args?: string[];
}

const STDERR_TAIL = 4096;
const OUT_OF_HEAP = /heap out of memory|Reached heap limit|Allocation failed|FatalProcessOutOfMemory/i;
const live = new Set<IsolatedProcess>();
let endLiveAtExit = false;

export class IsolatedProcess extends EventEmitter {
  /** Its own folder, for large byte arrays. */
  readonly folder: string;
  private readonly child: ChildProcess;
  private stderrTail = '';
  private ranOutOfHeap = false;
  private stopping = false;
  private finished = false;
  private readonly closed: Promise<void>;

  constructor(launch: { entry: string; data: Record<string, unknown> }, options: IsolatedProcessOptions) {
    super();
    this.folder = mkdtempSync(join(tmpdir(), 'send-bundle-reader-'));
    const flags = new Set([
      ...(globalThis.__sendBundleV8Flags ?? []),
      '--expose-gc',
      `--max-old-space-size=${options.heapMb}`,
    ]);
    this.child = fork(launch.entry, options.args ?? [], {
      execArgv: [...flags],
      env: {
        ...process.env,
        [WORKER_DATA_ENV]: JSON.stringify(launch.data),
        [BYTES_FOLDER_ENV]: this.folder,
        // In the Electron app, process.execPath is the app: run it as Node.
        ELECTRON_RUN_AS_NODE: '1',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      const text = this.stderrTail + chunk.toString('utf8');
      // V8's report starts with the reason, then a native stack trace longer than the tail kept.
      if (OUT_OF_HEAP.test(text)) this.ranOutOfHeap = true;
      this.stderrTail = text.slice(-STDERR_TAIL);
    });
    this.child.on('message', (message: unknown) => {
      let decoded: unknown;
      try {
        decoded = bytesFromFiles(message, this.folder);
      } catch (error) {
        // A message naming a file outside its folder: nothing it says can be trusted now.
        this.fail(error as Error);
        void this.stop();
        return;
      }
      this.emit('message', decoded);
    });
    this.closed = new Promise((resolve) => {
      // Not started (or not signalled): as a thread that failed to start, an error then an exit.
      this.child.once('error', (error) => {
        if (this.child.pid !== undefined) return;
        this.fail(error);
        this.finish(1);
        resolve();
      });
      this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        if (!this.stopping) {
          const outOfMemory = this.ranOutOfHeap || signal === 'SIGKILL';
          this.fail(new IsolatedProcessCrash(code, signal, outOfMemory, this.stderrTail));
        }
        this.finish(code ?? 1);
        resolve();
      });
    });
    live.add(this);
    if (!endLiveAtExit) {
      endLiveAtExit = true;
      process.once('exit', () => {
        for (const running of live) running.kill();
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: unknown): void {
    if (!this.child.connected) return;
    this.child.send(bytesToFiles(message, this.folder) as never);
  }

  /** Keep the app running while it works (as a thread: on until unref). */
  ref(): void {
    this.child.ref();
    this.child.channel?.ref();
    (this.child.stderr as { ref?: () => void } | null)?.ref?.();
  }

  /** Let the app end while it is idle. */
  unref(): void {
    this.child.unref();
    this.child.channel?.unref();
    (this.child.stderr as { unref?: () => void } | null)?.unref?.();
  }

  /** Ends it (and any program it started) at once, whatever it is doing. */
  stop(): Promise<void> {
    this.stopping = true;
    this.kill();
    return this.closed;
  }

  private kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      // The whole group, even once it has exited itself: a helper program it started may still run.
      if (process.platform === 'win32') this.child.kill('SIGKILL');
      else process.kill(-pid, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
  }

  /** Told to whoever listens (a job it runs); an idle process that dies is only taken out of use. */
  private fail(error: Error): void {
    if (this.listenerCount('error') > 0) this.emit('error', error);
  }

  private finish(code: number): void {
    if (this.finished) return;
    this.finished = true;
    live.delete(this);
    rmSync(this.folder, { recursive: true, force: true });
    this.emit('exit', code);
  }
}
