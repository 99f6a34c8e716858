import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatRange } from '../../shared/bundle/format';
import type { BundleSettings } from '../../shared/bundle/settings';
import { loadSampleCase, samplePdf } from '../../electron/services/bundle/sampleCase';
import {
  EXIT_OK,
  parseCommandArgs,
  printJson,
  UsageError,
  withApi,
  type CliApi,
  type CliIO,
  type Command,
  type GlobalOptions,
} from '../io';

const USAGE = `Usage: send-bundle demo --out DIR [--json]

Creates an invented sample case (resources/sample/case.json) with its documents, builds its hearing
bundle, issues it, adds a late document and builds version 2, so you can see the whole product at once.
DIR must be empty or new. It receives:
  documents/              the sample evidence (PDFs, generated)
  hearing-bundle-v1.pdf   the first bundle (sent to the tribunal)
  hearing-bundle-v2.pdf   with a late document numbered around version 1 (C12a…)
  changed-pages.txt       what changed between the two versions
  non-compliance-note.json  the content of the note the Practice Direction asks for
  data/                   the app's case data (unless --data-dir is given)`;

function fileName(index: number, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 60);
  return `${String(index + 1).padStart(2, '0')}-${slug || 'document'}.pdf`;
}

export const demoCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const { values } = parseCommandArgs(args, { out: { type: 'string' } }, false);
    if (!values.out) throw new UsageError('demo needs --out DIR (a new or empty folder).');
    const out = resolve(values.out);
    if (existsSync(out) && readdirSync(out).length > 0)
      throw new UsageError(`${out} is not empty. Choose a new or empty folder for the demo.`);
    const outWasNew = !existsSync(out);
    try {
      return await runDemo(out, globals, io);
    } catch (error) {
      // A demo stopped part way (a full disk) leaves the folder as it found it, so that running it again
      // into the same folder works: everything in it is the demo's, as it had to be new or empty.
      try {
        if (outWasNew) rmSync(out, { recursive: true, force: true });
        else for (const name of readdirSync(out)) rmSync(join(out, name), { recursive: true, force: true });
      } catch {
        // What could not be removed stays; the error below is what the user needs to know.
      }
      throw error;
    }
  },
};

async function runDemo(out: string, globals: GlobalOptions, io: CliIO): Promise<number> {
  mkdirSync(join(out, 'documents'), { recursive: true });
  const sample = loadSampleCase();
  const say = (line: string) => {
    if (!globals.json) io.out(line);
  };

  /** Builds through the bundle service, validated by the contract: --out copies are a documented exception (cli/io.ts). */
  const build = async (api: CliApi, caseId: number, settings: BundleSettings, copyTo: string) => {
    const { caseId: id, ...valid } = api.validate('bundle.build', { caseId, ...settings });
    return api.services.bundle.build(id, valid, { copyTo });
  };

  const result = await withApi({ ...globals, dataDir: globals.dataDir ?? join(out, 'data') }, async (api) => {
    const c = await api.call('cases.create', sample.case);
    try {
      for (const fields of sample.parties) await api.call('parties.save', { caseId: c.id, fields });
      for (const fields of sample.witnesses) await api.call('witnesses.save', { caseId: c.id, fields });
      say(`Created case ${c.id}: ${c.title}`);

      const importOne = async (doc: (typeof sample.documents)[number], index: number) => {
        const path = join(out, 'documents', fileName(index, doc.title));
        writeFileSync(path, await samplePdf(doc, sample.sentences));
        const [outcome] = await api.call('documents.import', {
          caseId: c.id,
          section: doc.section,
          files: [{ name: path.split('/').pop()!, path }],
          title: doc.title,
          documentDate: doc.date,
          kind: doc.kind,
          // A command leaves no work running behind it: the sample photo stays a scan without text, as
          // the plan's finding about it shows (send-bundle ocr makes it searchable).
          ocr: false,
        });
        if (outcome.status !== 'imported')
          throw new Error(`The sample document "${doc.title}" was not imported: ${outcome.status}`);
        await api.call('documents.update', {
          documentId: outcome.documentId,
          details: { author: doc.author },
        });
        return outcome.documentId;
      };
      for (const [i, doc] of sample.documents.entries()) await importOne(doc, i);
      say(`Added ${sample.documents.length} documents (in ${join(out, 'documents')})`);

      const settings = { dividers: true, compiledDate: '2026-05-18' };
      const v1 = await build(api, c.id, settings, join(out, 'hearing-bundle-v1.pdf'));
      await api.call('bundle.issue', { caseId: c.id, version: v1.version });
      const plan1 = await api.call('bundle.versionPlan', { caseId: c.id, version: v1.version });
      say(
        `Built and issued version 1: ${v1.pageCount} pages, checked (numbers, labels, links, bookmarks agree)`,
      );
      for (const section of plan1.sections)
        say(
          `  Section ${section.letter}  ${section.title.padEnd(44)} ${formatRange(section.firstLabel ?? '', section.lastLabel ?? '')}`,
        );

      // A late document, placed after the report it adds to: numbered around version 1.
      const late = sample.lateDocument;
      const lateId = await importOne(late, sample.documents.length);
      const order = (await api.call('documents.list', { caseId: c.id })).filter(
        (d) => d.section === late.section && d.id !== lateId,
      );
      const after = order.findIndex((d) => d.title === late.after);
      const ids = order.map((d) => d.id);
      ids.splice(after + 1, 0, lateId);
      await api.call('documents.reorder', { caseId: c.id, section: late.section, documentIds: ids });
      const v2 = await build(
        api,
        c.id,
        { ...settings, compiledDate: '2026-05-25' },
        join(out, 'hearing-bundle-v2.pdf'),
      );
      const plan2 = await api.call('bundle.versionPlan', { caseId: c.id, version: v2.version });
      const lateDoc = plan2.documents.find((d) => d.documentId === lateId)!;
      const diff = await api.call('bundle.diff', {
        caseId: c.id,
        fromVersion: v1.version,
        toVersion: v2.version,
      });
      say(
        `Added a late document as pages ${formatRange(lateDoc.firstLabel, lateDoc.lastLabel)} and built version 2: ${v2.pageCount} pages`,
      );
      say(diff.summary);
      writeFileSync(
        join(out, 'changed-pages.txt'),
        `${diff.summary}\n\n${diff.pages.map((p) => `${p.label}\t${p.change}\t${p.what}`).join('\n')}\n`,
      );
      writeFileSync(
        join(out, 'non-compliance-note.json'),
        JSON.stringify(plan2.nonComplianceNote, null, 2) + '\n',
      );
      if (plan2.findings.length) {
        say(
          `Against the tribunal's rules (${plan2.rulePack.name}, reviewed ${plan2.rulePack.lastReviewed}):`,
        );
        for (const f of plan2.findings) say(`  [${f.severity}] ${f.message}`);
      }
      return { caseId: c.id, versions: [v1, v2], diff, findings: plan2.findings };
    } catch (error) {
      // In a data folder of the user's own (--data-dir), the half-made sample case is put away with
      // the archived cases rather than left among theirs (the demo's own folder is removed whole).
      if (globals.dataDir)
        await api.call('cases.archive', { caseId: c.id, archived: true }).catch(() => undefined);
      throw error;
    }
  });
  say(`Open ${join(out, 'hearing-bundle-v2.pdf')} to see the bundle.`);
  if (globals.json)
    printJson(io, {
      out,
      caseId: result.caseId,
      bundles: result.versions.map((v) => ({
        version: v.version,
        pageCount: v.pageCount,
        sha256: v.sha256,
        path: v.path,
      })),
      changedPages: result.diff,
      findings: result.findings,
    });
  return EXIT_OK;
}
