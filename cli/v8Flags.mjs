// V8 settings for the send-bundle command, set before anything else loads (cli/send-bundle.mjs); the
// bench's engine child runs with them too (scripts/bench.ts), as the engine runs in the command.
//
// The interrupt budget is how much a function must run before V8 hands it to its optimising compiler,
// which works in background threads. A command lasts a second or two and runs a great deal of code once
// (pdf-lib, pdf.js, the readers): at V8's default (132 KB) those threads spent 0.65 CPU seconds of the
// 1.9 the bench's engine child used, competing with the engine and the reader thread for two cores, mostly
// on functions that would not run long enough to repay it. At four times the default the hot loops are
// still optimised, and a build, check or compare of the 1,000-page bench bundle used 8-12% less CPU in all
// (docs/performance.md).
//
// --expose-gc: worker threads that let go of a whole PDF collect at once (electron/services/workers/
// collectGarbage.ts), and without this flag they set it themselves part way through a command. V8 stamps a
// code cache with a hash of every flag, and refuses one whose stamp differs: a cache saved at the end of a
// check (after the limits scan had set the flag) was refused by the next check's start (before it had), so
// every check compiled the command and pdf.js again, and saved them again (cli/compileCache.cjs).
export const CLI_V8_FLAGS = ['--interrupt-budget=540000', '--expose-gc'];
