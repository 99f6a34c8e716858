/**
 * `send-bundle check FILE.pdf [--rules send|dd] [--appeal-type T] [--json] [--report REPORT.pdf]`
 * Exit 0: no errors; 1: errors found (or the file could not be read, or is not a bundle); 2: usage.
 * Needs no data folder: it checks the file where it is. A documented exception (cli/io.ts): it calls the
 * checker without a host, after checking its input against the contract's checker.check.
 */
import { basename, resolve } from 'node:path';
import { formatRuns } from '../../electron/services/checker/describe';
import { checkFile, writeReport } from '../../electron/services/checker/service';
import { formatBytes, numberingText, verdictOf } from '../../electron/services/checker/report';
import { AppealType, APPEAL_TYPES } from '../../shared/domain/case';
import { CheckRules, CHECK_RULES } from '../../shared/domain/checker';
import {
  EXIT_OK,
  EXIT_REFUSED,
  parseCommandArgs,
  printJson,
  UsageError,
  validateInput,
  type Command,
} from '../io';
import { CHECK_OPTIONS } from './checkArgs';

export const checkCommand: Command = {
  usage: `Usage: send-bundle check FILE.pdf [--rules send|dd] [--appeal-type TYPE] [--json] [--report REPORT.pdf]
  --rules        rule pack: send (SEND appeals, the default) or dd (disability discrimination claims)
  --appeal-type  check page limits for this appeal type: ${APPEAL_TYPES.join(', ')}
  --report       also write the check report as a PDF (and the same content as JSON beside it)
  --json         print the findings as JSON (codes are stable, for scripts)
Exit status: 0 no errors, 1 errors found (or the file is not a bundle), 2 usage.`,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, CHECK_OPTIONS);
    if (positionals.length !== 1)
      throw new UsageError('Name one PDF file to check: send-bundle check bundle.pdf');
    const rules = CheckRules.safeParse(values.rules ?? 'send');
    if (!rules.success) throw new UsageError(`--rules must be one of: ${CHECK_RULES.join(', ')}.`);
    let appealType: AppealType | undefined;
    if (values['appeal-type'] !== undefined) {
      const parsed = AppealType.safeParse(values['appeal-type']);
      if (!parsed.success) throw new UsageError(`--appeal-type must be one of: ${APPEAL_TYPES.join(', ')}.`);
      appealType = parsed.data;
    }
    if (values.report !== undefined && !/\.pdf$/i.test(values.report)) {
      throw new UsageError('--report needs a file name ending in .pdf, for example --report check.pdf');
    }

    const path = resolve(positionals[0]);
    const request = validateInput('checker.check', {
      file: { name: basename(path), path },
      rules: rules.data,
      appealType,
    });
    const result = await checkFile(request);
    const report = values.report ? await writeReport(result, new Date(), resolve(values.report)) : null;

    if (globals.json) {
      printJson(io, { ...result, ...(report ? { report } : {}) });
    } else {
      const s = result.summary;
      io.out(`${s.fileName}: ${s.opened ? `${s.pageCount} pages, ` : ''}${formatBytes(s.fileSize)}`);
      if (s.opened && s.numbering !== 'none' && result.verdict.kind !== 'not-a-bundle')
        io.out(`Page numbers: ${numberingText(s)}`);
      for (const f of result.findings) {
        const where =
          f.pages.length === 0
            ? 'whole file'
            : `${f.pages.length === 1 ? 'page' : 'pages'} ${formatRuns(f.pages, 8)}`;
        io.out(`${f.severity.toUpperCase().padEnd(7)} ${f.code} (${where}): ${f.message}`);
      }
      io.out(verdictOf(result));
      if (report) io.out(`Report written to ${report.pdfPath} and ${report.jsonPath}`);
    }
    return result.summary.counts.error > 0 ? EXIT_REFUSED : EXIT_OK;
  },
};
