// The entry of a stand-in for an Electron utility process (tests/helpers/fakeUtilityProcess.ts): a Node
// child given Electron's process.parentPort over its IPC channel, and no process.send (as a utility
// process has none), which then runs the module FAKE_UTILITY_ENTRY names.
import { pathToFileURL } from 'node:url';

const send = process.send.bind(process);
process.parentPort = {
  on(event, listener) {
    if (event === 'message') process.on('message', (data) => listener({ data }));
  },
  postMessage: (message) => send(message),
};
process.send = undefined;
await import(pathToFileURL(process.env.FAKE_UTILITY_ENTRY).href);
