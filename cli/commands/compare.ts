/**
 * `send-bundle compare YOURS.pdf THEIRS.pdf [--json] [--report REPORT.pdf]`
 * Exit 0: the same; 1: different (or a file could not be read); 2: usage.
 * Needs no data folder, like `check` (cli/io.ts): it calls the comparison without a host, after checking
 * its input against the contract's checker.compare.
 */
import { basename, resolve } from 'node:path';
import { compareFiles, writeCompareReport } from '../../electron/services/compare/service';
import {
  EXIT_OK,
  EXIT_REFUSED,
  parseCommandArgs,
  printJson,
  UsageError,
  validateInput,
  type Command,
} from '../io';

export const compareCommand: Command = {
  usage: `Usage: send-bundle compare YOURS.pdf THEIRS.pdf [--json] [--report REPORT.pdf]
  Compares two copies of a bundle, from any source: pages matched by what they say and show and by their
  printed page numbers; says which pages are only in one, which changed or moved, how the numbering shifts
  ("your page 131 is their page 136"), which documents were added, removed or replaced, and how the index
  and bookmarks differ.
  --report  also write the comparison as a PDF to send (and the same content as JSON beside it)
  --json    print the comparison as JSON (codes are stable, for scripts)
Exit status: 0 the same, 1 different (or a file could not be read), 2 usage.`,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, { report: { type: 'string' } });
    if (positionals.length !== 2)
      throw new UsageError('Name two PDF files to compare: send-bundle compare yours.pdf theirs.pdf');
    if (values.report !== undefined && !/\.pdf$/i.test(values.report))
      throw new UsageError('--report needs a file name ending in .pdf, for example --report comparison.pdf');
    const [yours, theirs] = positionals.map((p) => resolve(p));
    const request = validateInput('checker.compare', {
      files: [
        { name: basename(yours), path: yours },
        { name: basename(theirs), path: theirs },
      ],
    });
    const result = await compareFiles(request);
    const report = values.report
      ? await writeCompareReport(result, new Date(), resolve(values.report))
      : null;
    if (globals.json) printJson(io, { ...result, ...(report ? { report } : {}) });
    else {
      for (const [who, s] of [
        ['Yours', result.yours],
        ['Theirs', result.theirs],
      ] as const)
        io.out(
          `${who}: ${s.fileName}, ${s.pageCount} pages, fingerprint ${s.fingerprint}` +
            (s.statedFingerprint ? ` (it says Bundle ${s.statedFingerprint})` : '') +
            (s.damage ? `; damaged (${s.damage})` : ''),
        );
      for (const f of result.findings) {
        io.out(`${f.severity === 'note' ? 'NOTE' : 'DIFF'} ${f.code}: ${f.message}`);
        for (const line of f.lines ?? []) io.out(`     ${line}`);
      }
      io.out(result.verdict);
      if (report) io.out(`Report written to ${report.pdfPath} and ${report.jsonPath}`);
    }
    return result.same ? EXIT_OK : EXIT_REFUSED;
  },
};
