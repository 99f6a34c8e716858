// Runs the benchmark's child bundle (a CommonJS file, scripts/bench.ts prepareChild) as cli/send-bundle.mjs
// runs the command: compiled with the code cache kept for its job (cli/compileCache.cjs).
//   node scripts/bench/run-cached.mjs CHILD.cjs --child MODE ARGS...
import { dirname, join } from 'node:path';
import { requireWithCodeCache } from '../../cli/compileCache.cjs';

const file = process.argv[2];
const mode = process.argv[process.argv.indexOf('--child') + 1] ?? 'other';
// The child reads its arguments as if it had been run itself.
process.argv.splice(1, 1);
requireWithCodeCache(file, { cacheDir: join(dirname(file), 'v8-cache'), profile: `child-${mode}` });
