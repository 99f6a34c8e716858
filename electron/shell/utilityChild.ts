/**
 * The Electron app's isolated processes (electron/services/workers/isolatedProcess.ts) are Electron
 * utility processes: the app's binary cannot be run as Node (the runAsNode fuse is off), and a utility
 * process is Chromium's own way to run Node code in a process of its own. Its stdout is dropped and its
 * stderr kept (for what a crash said); it does not keep the app running, so ref and unref do nothing.
 */
import type { ForkOptions, UtilityProcess } from 'electron';
import type { IsolatedChildEnd, IsolatedChildStarter } from '../services/workers/isolatedProcess';

/** What is used of Electron's utilityProcess module (a stand-in in tests). */
export interface UtilityProcessModule {
  fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcessLike;
}

export type UtilityProcessLike = Pick<UtilityProcess, 'pid' | 'stderr' | 'postMessage' | 'kill'> & {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  once(event: 'error', listener: (type: string, location: string, report: string) => void): unknown;
};

export function utilityProcessStarter(utilityProcess: UtilityProcessModule): IsolatedChildStarter {
  return (entry, args, { execArgv, env }) => {
    const child = utilityProcess.fork(entry, args, {
      execArgv,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      serviceName: 'SEND Bundle Builder file reader',
    });
    let fatal: string | undefined;
    child.once('error', (type, location, report) => (fatal = `${type}: ${location}\n${report}`));
    return {
      get pid() {
        return child.pid;
      },
      stderr: child.stderr,
      leadsGroup: false,
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onEnd: (listener) =>
        child.once('exit', (code) => listener({ code, signal: null, fatal } satisfies IsolatedChildEnd)),
      kill: () => child.kill(),
      ref: () => {},
      unref: () => {},
    };
  };
}
