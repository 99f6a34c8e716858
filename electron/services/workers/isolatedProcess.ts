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
 *
 * Under Node (the command line, the browser bridge, tests) it is started with child_process.fork. The
 * Electron app cannot run its own binary as Node (the runAsNode fuse is off: electron-builder.yml), so its
 * shell hands over a starter built on Electron's utilityProcess (useIsolatedChildStarter;
 * electron/shell/utilityChild.ts).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { rmSync } from 'node:fs';
import { bytesFromFiles, bytesToFiles } from './bytesByFile';
import { BYTES_FOLDER_ENV, WORKER_DATA_ENV } from './jobPort';
import { newReaderFolder, removeLeftReaderFoldersOnce } from './readerFolders';

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

/** A started child process, as IsolatedProcess uses it: Node's ChildProcess, or Electron's UtilityProcess. */
export interface IsolatedChild {
  readonly pid: number | undefined;
  readonly stderr: NodeJS.ReadableStream | null;
  /** In a process group of its own, which it leads (its pid is the group's). */
  readonly leadsGroup: boolean;
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /**
   * Once, when it has ended (or could not be started: `error`). `fatal`: what the runtime said of a fatal
   * error where it says it other than on stderr (Electron's utility process).
   */
  onEnd(listener: (end: IsolatedChildEnd) => void): void;
  kill(): void;
  ref(): void;
  unref(): void;
}

export interface IsolatedChildEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
  fatal?: string;
}

export type IsolatedChildStarter = (
  entry: string,
  args: string[],
  options: { execArgv: string[]; env: NodeJS.ProcessEnv },
) => IsolatedChild;

/** Node's child_process.fork, in a process group of its own, with stdout dropped and stderr kept. */
export const forkWithNode: IsolatedChildStarter = (entry, args, { execArgv, env }) => {
  const leadsGroup = process.platform !== 'win32';
  const child = fork(entry, args, {
    execArgv,
    // Where process.execPath is an Electron binary that may run as Node: as Node.
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    detached: leadsGroup,
    windowsHide: true,
  });
  return {
    get pid() {
      return child.pid;
    },
    stderr: child.stderr,
    leadsGroup,
    send: (message) => {
      if (child.connected) child.send(message as never);
    },
    onMessage: (listener) => child.on('message', listener),
    onEnd: (listener) => {
      let ended = false;
      const end = (value: IsolatedChildEnd) => {
        if (ended) return;
        ended = true;
        listener(value);
      };
      // Not started: an error and no process.
      child.once('error', (error) => {
        if (child.pid === undefined) end({ code: null, signal: null, error });
      });
      // After its stderr has closed, so all it said is in.
      child.once('close', (code: number | null, signal: NodeJS.Signals | null) => end({ code, signal }));
    },
    kill: () => child.kill('SIGKILL'),
    ref: () => {
      child.ref();
      child.channel?.ref();
      (child.stderr as { ref?: () => void } | null)?.ref?.();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
      (child.stderr as { unref?: () => void } | null)?.unref?.();
    },
  };
};

let startChild: IsolatedChildStarter = forkWithNode;

/** How isolated processes are started from now on (the Electron shell's, at its start). */
export function useIsolatedChildStarter(starter: IsolatedChildStarter): void {
  startChild = starter;
}

const STDERR_TAIL = 4096;
const OUT_OF_HEAP = /heap out of memory|Reached heap limit|Allocation failed|FatalProcessOutOfMemory/i;
const live = new Set<IsolatedProcess>();
let endLiveAtExit = false;

export class IsolatedProcess extends EventEmitter {
  /** Its own folder, for large byte arrays. */
  readonly folder: string;
  private readonly child: IsolatedChild;
  private stderrTail = '';
  private ranOutOfHeap = false;
  private stopping = false;
  private finished = false;
  private readonly closed: Promise<void>;

  constructor(launch: { entry: string; data: Record<string, unknown> }, options: IsolatedProcessOptions) {
    super();
    this.folder = newReaderFolder();
    removeLeftReaderFoldersOnce();
    const flags = new Set([
      ...(globalThis.__sendBundleV8Flags ?? []),
      '--expose-gc',
      `--max-old-space-size=${options.heapMb}`,
    ]);
    this.child = startChild(launch.entry, options.args ?? [], {
      execArgv: [...flags],
      env: {
        ...process.env,
        [WORKER_DATA_ENV]: JSON.stringify(launch.data),
        [BYTES_FOLDER_ENV]: this.folder,
      },
    });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      const text = this.stderrTail + chunk.toString('utf8');
      // V8's report starts with the reason, then a native stack trace longer than the tail kept.
      if (OUT_OF_HEAP.test(text)) this.ranOutOfHeap = true;
      this.stderrTail = text.slice(-STDERR_TAIL);
    });
    this.child.onMessage((message) => {
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
      this.child.onEnd(({ code, signal, error, fatal }) => {
        if (fatal && OUT_OF_HEAP.test(fatal)) this.ranOutOfHeap = true;
        // Not started: as a thread that failed to start, an error then an exit.
        if (error) this.fail(error);
        else if (!this.stopping) {
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
        for (const running of live) running.endAtExit();
      });
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** It has ended (and said so with 'exit'). */
  get ended(): boolean {
    return this.finished;
  }

  postMessage(message: unknown): void {
    if (this.finished) return;
    this.child.send(bytesToFiles(message, this.folder));
  }

  /** Keep the app running while it works (as a thread: on until unref). */
  ref(): void {
    this.child.ref();
  }

  /** Let the app end while it is idle. */
  unref(): void {
    this.child.unref();
  }

  /** Ends it (and any program it started) at once, whatever it is doing. */
  stop(): Promise<void> {
    this.stopping = true;
    // Whoever waits for it to end is kept waiting (an idle one does not keep the app running).
    if (!this.finished) this.child.ref();
    this.kill();
    return this.closed;
  }

  /**
   * This process is exiting: it is killed, and its folder removed now, as its 'exit' will never be heard
   * (every command that read a file left an empty folder in the system's temporary folder).
   */
  private endAtExit(): void {
    this.kill();
    try {
      rmSync(this.folder, { recursive: true, force: true });
    } catch {
      // Left for the system to clear: the process is exiting anyway.
    }
  }

  private kill(): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      // The whole group, even once it has exited itself: a helper program it started may still run.
      if (this.child.leadsGroup) process.kill(-pid, 'SIGKILL');
      else process.kill(pid, 'SIGKILL');
    } catch {
      this.child.kill();
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
