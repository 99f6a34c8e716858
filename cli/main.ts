import { ZodError } from 'zod';
import { resolveDataDir } from '../electron/services/context';
import { storageFault } from '../electron/services/storageFaults';
import { installPdfLibPatches } from '../electron/services/pdf/pdfLibPatches';
import { escapeForTerminal } from '../shared/text/controls';
import { caseCommand } from './commands/case';
import { docsCommand } from './commands/docs';
import { importCommand } from './commands/import';
import { deadlinesCommand } from './commands/deadlines';
import { letterCommand } from './commands/letter';
import { recommendationCommand } from './commands/recommendation';
import { allowanceCommand } from './commands/allowance';
import { checkCommand } from './commands/check';
import { buildCommand } from './commands/build';
import { demoCommand } from './commands/demo';
import {
  EXIT_REFUSED,
  EXIT_USAGE,
  isRefusal,
  UsageError,
  type CliIO,
  type Command,
  type GlobalOptions,
} from './io';

/** Every command, by its first word. Add new commands here. */
const COMMANDS: Record<string, Command> = {
  case: caseCommand,
  import: importCommand,
  docs: docsCommand,
  deadlines: deadlinesCommand,
  letter: letterCommand,
  recommendation: recommendationCommand,
  allowance: allowanceCommand,
  check: checkCommand,
  build: buildCommand,
  demo: demoCommand,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(16)}${c.summary}`);
  return [
    'Usage: send-bundle [--data-dir DIR] [--json] COMMAND ...',
    '',
    'Commands:',
    ...lines,
    '',
    'Options for every command:',
    '  --data-dir DIR  where cases are kept (or set SEND_BUNDLE_DATA)',
    '  --json          machine-readable output',
    '',
    'Run "send-bundle COMMAND --help" for the options of a command.',
  ].join('\n');
}

/** Pulls the options every command shares out of argv, wherever they appear. */
function splitGlobals(argv: string[]): { globals: GlobalOptions; rest: string[] } {
  const globals: GlobalOptions = { json: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') globals.json = true;
    else if (arg === '--data-dir') {
      const value = argv[++i];
      if (value === undefined) throw new UsageError('--data-dir needs a folder.');
      globals.dataDir = value;
    } else if (arg.startsWith('--data-dir=')) globals.dataDir = arg.slice('--data-dir='.length);
    else rest.push(arg);
  }
  return { globals, rest };
}

const defaultIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

export async function main(argv: string[], rawIO: CliIO = defaultIO): Promise<number> {
  // Nothing a command prints can drive the terminal or split a row: a stored title or a file name with an
  // ESC, a bidi override or a stray line break is shown escaped (\e, \u202e), whoever wrote it.
  const io: CliIO = {
    out: (line) => rawIO.out(escapeForTerminal(line)),
    err: (line) => rawIO.err(escapeForTerminal(line)),
  };
  let globals: GlobalOptions = { json: false };
  try {
    installPdfLibPatches();
    const split = splitGlobals(argv);
    globals = split.globals;
    const [name, ...args] = split.rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return name ? 0 : EXIT_USAGE;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Unknown command "${name}".`);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(command.usage);
      return 0;
    }
    return await command.run(args, globals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`send-bundle: ${error.message}`);
      io.err(usage());
      return EXIT_USAGE;
    }
    if (error instanceof ZodError) {
      const message = error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ');
      if (globals.json) io.out(JSON.stringify({ error: { code: 'invalid-input', message } }));
      io.err(`send-bundle: ${message}`);
      return EXIT_REFUSED;
    }
    if (isRefusal(error)) {
      if (globals.json) io.out(JSON.stringify({ error: error.toJSON() }));
      io.err(`send-bundle: ${error.message}`);
      return EXIT_REFUSED;
    }
    const fault = storageFault(error, globals.dataDir ? resolveDataDir(globals.dataDir) : undefined);
    if (fault) {
      if (globals.json) io.out(JSON.stringify({ error: fault.toJSON() }));
      io.err(`send-bundle: ${fault.message}`);
      return EXIT_REFUSED;
    }
    io.err(`send-bundle: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 70;
  }
}
