/**
 * `npm run web` runs this (through scripts/web.mjs): start the browser bridge and print its address.
 * Options: --port N (default: a random free port), --data-dir DIR (or SEND_BUNDLE_DATA), --static-dir DIR.
 */
import { parseArgs } from 'node:util';
import { openFailureReason } from '../host/open';
import { resolveDataDir } from '../services/context';
import { startBridge } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 1 to 65535 (got "${values.port}").`);
  }
  const dataDir = resolveDataDir(values['data-dir']);
  let bridge;
  try {
    bridge = await startBridge({ dataDir, port, staticDir: values['static-dir'] });
  } catch (error) {
    const reason = openFailureReason(error, dataDir);
    if (reason) {
      console.error(`SEND Bundle Builder could not open your cases: ${reason}`);
      process.exit(1);
    }
    throw error;
  }
  console.log(`SEND Bundle Builder is running. Open this address in your browser:\n\n  ${bridge.url}\n`);
  console.log(`Your cases are kept in ${dataDir}. Press Ctrl+C to stop.`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    bridge.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(2);
});
