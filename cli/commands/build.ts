import { resolve } from 'node:path';
import { LATE_INSERT_MODES, type BundleVersion, type LateInsertMode } from '../../shared/bundle/types';
import { NUMBERING_STYLES, type NumberingStyle } from '../../shared/domain/case';
import { formatRange } from '../../shared/bundle/format';
import type { PartDetails, SupplementDetails } from '../../shared/bundle/delivery';
import {
  checkDateOption,
  EXIT_OK,
  parseCaseId,
  parseCommandArgs,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  type Command,
} from '../io';

const USAGE = `Usage: send-bundle build ID [--out FILE.pdf] [--numbering continuous|section] [--dividers]
                         [--late sub-number|renumber] [--date YYYY-MM-DD] [--placement-only]
                         [--verify sample|full] [--supplement] [--parts [--part-size MB]] [--json]

Builds the hearing bundle of case ID as a new version (kept in the data folder) and, with --out, also
writes it to FILE.pdf. The bundle is checked after it is written: page numbers, page labels, index links
and bookmarks must agree, or nothing is saved.
  --numbering     continuous page numbers 1…N, or per section A1…, B1… (default: the case's setting)
  --dividers      a divider page before each section
  --late          after a version was issued: number late documents 12a, 12b… (default) or renumber all
  --date          the compiled date printed on the cover (default: today)
  --placement-only  a contents-of-plan appeal about the named school or college (section I) only
  --supplement    also make the supplementary pack: only the pages that are new or changed since the
                  version last marked as sent, behind a cover and instructions ("insert pages 39a–39c after
                  page 39"), so those who hold the sent version need not be sent it all again
  --parts         also split it into parts to send by email, each under the case's part size (default
                  20 MB) or --part-size MB: parts break between documents and keep the bundle's page numbers
  --verify        after writing, every page's number, label, links and bookmarks are checked; a second
                  reader (pdf.js) reads the text of a sample of pages (default), or of every page (full)`;

function describe(
  io: CliIO,
  v: BundleVersion,
  plan: ReturnType<typeof sectionsOf>,
  findings: { severity: string; message: string }[],
  out?: string,
) {
  io.out(`Built version ${v.version}: ${v.pageCount} pages${out ? `, written to ${out}` : ''}.`);
  io.out(`Kept as ${v.path}`);
  for (const s of plan) io.out(`  Section ${s.letter}  ${s.title.padEnd(44)} ${s.pages}`);
  const checked = v.verification.checks.map((c) => c.name).join(', ');
  io.out(`Checked after writing (${checked}): all agree.`);
  if (findings.length === 0) io.out('No problems found with the tribunal rules.');
  else {
    io.out(`${findings.length} thing${findings.length === 1 ? '' : 's'} to look at:`);
    for (const f of findings) io.out(`  [${f.severity}] ${f.message}`);
  }
  io.out(`SHA-256 ${v.sha256}`);
}

function sectionsOf(plan: {
  sections: {
    letter: string;
    title: string;
    firstLabel: string | null;
    lastLabel: string | null;
    documentPages: number;
  }[];
}) {
  return plan.sections.map((s) => ({
    letter: s.letter,
    title: s.title,
    pages: s.firstLabel && s.lastLabel ? formatRange(s.firstLabel, s.lastLabel) : '',
    pageCount: s.documentPages,
  }));
}

export const buildCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, {
      out: { type: 'string' },
      numbering: { type: 'string' },
      dividers: { type: 'boolean' },
      late: { type: 'string' },
      date: { type: 'string' },
      'placement-only': { type: 'boolean' },
      verify: { type: 'string' },
      supplement: { type: 'boolean' },
      parts: { type: 'boolean' },
      'part-size': { type: 'string' },
    });
    const caseId = parseCaseId(positionals[0], 'build 3 --out bundle.pdf');
    if (values.numbering !== undefined && !(NUMBERING_STYLES as readonly string[]).includes(values.numbering))
      throw new UsageError('--numbering must be continuous or section.');
    if (values.late !== undefined && !(LATE_INSERT_MODES as readonly string[]).includes(values.late))
      throw new UsageError('--late must be sub-number or renumber.');
    checkDateOption(values.date, '--date');
    if (values['part-size'] !== undefined && !(values.parts && /^[1-9][0-9]{0,3}$/.test(values['part-size'])))
      throw new UsageError(
        '--part-size needs --parts and a whole number of megabytes, for example --parts --part-size 20',
      );
    if (values.verify !== undefined && values.verify !== 'sample' && values.verify !== 'full')
      throw new UsageError('--verify must be sample or full.');
    const out = values.out ? resolve(values.out) : undefined;
    // Verification's second reader (pdf.js) loads in its thread while the data folder and services load.
    const { PageTextReader } = await import('../../electron/services/pdf/read/text');
    PageTextReader.warmUp();
    const { version, plan } = await withApi(globals, async (api) => {
      const request = {
        caseId,
        numbering: values.numbering as NumberingStyle | undefined,
        lateInsertMode: values.late as LateInsertMode | undefined,
        dividers: values.dividers,
        compiledDate: values.date,
        placementOnly: values['placement-only'],
        supplement: values.supplement,
        verify: values.verify as 'sample' | 'full' | undefined,
      };
      const onProgress =
        globals.json || !process.stderr.isTTY
          ? undefined
          : (p: { message: string }) => process.stderr.write(`\r${p.message.slice(0, 70).padEnd(72)}`);
      let version: BundleVersion;
      if (out) {
        // A documented exception (cli/io.ts): --out names a path to write, which the contract leaves out.
        const { caseId: id, supplement, verify, ...settings } = api.validate('bundle.build', request);
        version = await api.services.bundle.build(id, settings, {
          copyTo: out,
          supplement,
          verify,
          onProgress,
        });
      } else version = await api.call('bundle.build', request, { onProgress });
      if (!globals.json && process.stderr.isTTY) process.stderr.write('\r'.padEnd(74) + '\r');
      if (values.parts) {
        const sizeMb = values['part-size'] === undefined ? undefined : Number(values['part-size']);
        const parts = await api.call('bundle.parts', { caseId, version: version.version, sizeMb });
        return {
          version: { ...version, files: [...version.files.filter((f) => f.kind !== 'part'), ...parts] },
          plan: await api.call('bundle.versionPlan', { caseId, version: version.version }),
        };
      }
      return { version, plan: await api.call('bundle.versionPlan', { caseId, version: version.version }) };
    });
    const sections = sectionsOf(plan);
    if (globals.json) {
      printJson(io, {
        caseId,
        version: version.version,
        pageCount: version.pageCount,
        sha256: version.sha256,
        path: version.path,
        out: out ?? null,
        numbering: version.numbering,
        lateInsertMode: version.lateInsertMode,
        sections,
        documents: plan.documents.map((d) => ({
          tab: d.tab,
          title: d.title,
          pages: formatRange(d.firstLabel, d.lastLabel),
          lateInsert: d.lateInsert,
        })),
        meters: plan.meters,
        findings: plan.findings,
        nonComplianceNote: plan.nonComplianceNote,
        verification: version.verification,
        files: version.files,
      });
    } else {
      describe(io, version, sections, plan.findings, out);
      for (const f of version.files.filter((file) => file.details.kind === 'supplement')) {
        const d = f.details as SupplementDetails;
        io.out(`Supplementary pack: ${f.pageCount} pages, written to ${f.path}`);
        io.out(`  It holds ${d.summary}.`);
      }
      for (const f of version.files.filter((file) => file.details.kind === 'part')) {
        const d = f.details as PartDetails;
        io.out(`${d.coverLine}: ${(f.sizeBytes / 1024 / 1024).toFixed(1)} MB, written to ${f.path}`);
        io.out(`  Email subject: ${d.emailSubject}`);
      }
    }
    return EXIT_OK;
  },
};
