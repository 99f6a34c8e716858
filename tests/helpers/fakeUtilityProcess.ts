/**
 * A stand-in for Electron's utilityProcess module, for tests of electron/shell/utilityChild.ts where
 * Electron cannot run: a Node child that answers as a utility process does (pid, stderr, postMessage,
 * kill; 'message' and 'exit' with an exit code only), running its module with Electron's
 * process.parentPort instead of process.send (./utilityShim.mjs).
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { UtilityProcessModule } from '../../electron/shell/utilityChild';

const SHIM = fileURLToPath(new URL('./utilityShim.mjs', import.meta.url));

export const fakeUtilityProcess: UtilityProcessModule = {
  fork(modulePath, args = [], options = {}) {
    const child = fork(SHIM, args, {
      execArgv: options.execArgv,
      env: { ...(options.env ?? process.env), FAKE_UTILITY_ENTRY: modulePath },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const utility = new EventEmitter();
    child.on('message', (message) => utility.emit('message', message));
    // A utility process's exit says a code only: a signal's number above 128, as a shell says it.
    child.on('exit', (code, signal) =>
      utility.emit('exit', code ?? 128 + (signal ? constants.signals[signal] : 0)),
    );
    return Object.assign(utility, {
      get pid() {
        return child.pid;
      },
      stderr: child.stderr,
      postMessage: (message: unknown) => void child.send(message as never),
      kill: () => child.kill('SIGTERM'),
    });
  },
};
