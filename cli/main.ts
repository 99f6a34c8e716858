import type { z } from 'zod';
import { escapeForTerminal } from '../shared/text/controls';
import {
  EXIT_REFUSED,
  EXIT_USAGE,
  isRefusal,
  splitGlobals,
  UsageError,
  type CliIO,
  type Command,
  type GlobalOptions,
} from './basics';

/**
 * Every command, by its first word, with its one-line summary. A command's module (and what it needs:
 * the database, pdf-lib, the letter templates) loads only when it runs, so the command line starts fast.
 * Add new commands here.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  case: {
    summary: 'create, list, show and change cases',
    load: async () => (await import('./commands/case')).caseCommand,
  },
  import: {
    summary: 'add evidence files (PDF, pictures, Word, saved emails) to a case',
    load: async () => (await import('./commands/import')).importCommand,
  },
  ocr: {
    summary: 'make scanned documents searchable (text recognition, offline)',
    load: async () => (await import('./commands/ocr')).ocrCommand,
  },
  docs: {
    summary: "list a case's documents in bundle order",
    load: async () => (await import('./commands/docs')).docsCommand,
  },
  pages: {
    summary: 'put only some pages of a document into the bundle (an extract)',
    load: async () => (await import('./commands/pages')).pagesCommand,
  },
  'hidden-words': {
    summary: 'take out words hidden by a box (a redaction that left them in the file)',
    load: async () => (await import('./commands/hiddenWords')).hiddenWordsCommand,
  },
  deadlines: {
    summary: 'deadlines for a case, and dates from the tribunal',
    load: async () => (await import('./commands/deadlines')).deadlinesCommand,
  },
  letter: {
    summary: 'write a letter (DOCX or PDF) from a template and the case',
    load: async () => (await import('./commands/letter')).letterCommand,
  },
  recommendation: {
    summary: "tribunal recommendations on health and social care, and the commissioners' decisions",
    load: async () => (await import('./commands/recommendation')).recommendationCommand,
  },
  allowance: {
    summary: 'extra pages the tribunal allowed for a part of the bundle',
    load: async () => (await import('./commands/allowance')).allowanceCommand,
  },
  'working-document': {
    summary: "the working document of a contents-of-plan appeal: the parties' changes to the plan, versions",
    load: async () => (await import('./commands/workingDocument')).workingDocumentCommand,
  },
  check: {
    summary: 'check a bundle PDF against the tribunal rules (page numbers, index, bookmarks, limits)',
    load: async () => (await import('./commands/check')).checkCommand,
  },
  compare: {
    summary:
      'compare two copies of a bundle (any source): pages, numbering shifts, documents, index, bookmarks',
    load: async () => (await import('./commands/compare')).compareCommand,
  },
  build: {
    summary: "build a case's hearing bundle (a new version, checked after writing)",
    load: async () => (await import('./commands/build')).buildCommand,
  },
  demo: {
    summary: 'build the hearing bundle of an invented sample case, to see the product in one go',
    load: async () => (await import('./commands/demo')).demoCommand,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
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

/** zod's validation error, known by its shape (zod itself is loaded only with a command). */
function isZodError(error: unknown): error is { issues: z.core.$ZodIssue[] } {
  return (
    error instanceof Error &&
    error.name === 'ZodError' &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/**
 * Set when whatever reads standard output has stopped (`send-bundle docs 1 | head`): the rest of the output
 * is dropped, and the command still finishes what it was doing (a build still saves its bundle) and exits
 * with its own status, instead of dying part way with Node's "write EPIPE" trace.
 */
let outputClosed = false;
let watchingOutput = false;
function writeOutput(line: string): void {
  if (outputClosed) return;
  if (!watchingOutput) {
    watchingOutput = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
      outputClosed = true;
    });
  }
  process.stdout.write(line + '\n');
}

const defaultIO: CliIO = {
  out: writeOutput,
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
    const split = splitGlobals(argv);
    globals = split.globals;
    const [name, ...args] = split.rest;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.out(usage());
      return name ? 0 : EXIT_USAGE;
    }
    const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!entry) throw new UsageError(`Unknown command "${name}".`);
    const command = await entry.load();
    if (args.includes('--help') || args.includes('-h')) {
      io.out(command.usage);
      return 0;
    }
    // The host's start: the pdf-lib patches, installed once before any command reads or writes a PDF.
    const { installPdfLibPatches } = await import('../electron/services/pdf/pdfLibPatches');
    installPdfLibPatches();
    return await command.run(args, globals, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`send-bundle: ${error.message}`);
      io.err(usage());
      return EXIT_USAGE;
    }
    if (isZodError(error)) {
      const { describeIssue } = await import('../electron/ipc/router');
      const message = error.issues.map(describeIssue).join(' ');
      if (globals.json) io.out(JSON.stringify({ error: { code: 'invalid-input', message } }));
      io.err(`send-bundle: ${message}`);
      return EXIT_REFUSED;
    }
    if (isRefusal(error)) {
      if (globals.json) io.out(JSON.stringify({ error: error.toJSON() }));
      io.err(`send-bundle: ${error.message}`);
      return EXIT_REFUSED;
    }
    const { storageFault } = await import('../electron/services/storageFaults');
    const { resolveDataDir } = await import('../electron/services/context');
    const fault = storageFault(
      error,
      globals.dataDir ? resolveDataDir(globals.dataDir) : undefined,
      resolveDataDir(globals.dataDir),
    );
    if (fault) {
      if (globals.json) io.out(JSON.stringify({ error: fault.toJSON() }));
      io.err(`send-bundle: ${fault.message}`);
      return EXIT_REFUSED;
    }
    io.err(`send-bundle: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 70;
  }
}
