import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { draftKey } from '../../shared/api/drafts';
import {
  contentFromText,
  paragraphRuns,
  WorkingDocumentContent,
  type Proposal,
} from '../../shared/workingDocument/model';
import {
  checkDateOption,
  EXIT_OK,
  parseCaseId,
  parseCommandArgs,
  printJson,
  UsageError,
  withApi,
  type CliApi,
  type CliIO,
  type Command,
} from '../io';

const USAGE = `Usage:
  send-bundle working-document start ID (--text FILE | --docx FILE)
      start the working document from the plan's disputed sections (a text file: a line such as
      "Section F" starts a section; or a .docx: the plan, or the other party's last version, read back
      with its styles); it becomes the case's working copy, the one the app's editor shows
  send-bundle working-document show ID
      the paragraphs and their changes, numbered S.P (paragraph) and S.P.C (change)
  send-bundle working-document propose ID --paragraph S.P --by parent|la|agreed [--delete TEXT] [--add TEXT]
      [--evidence TEXT [--document DOCID [--page N]]]
      add a change: words of the plan to delete and/or words to add, with the evidence it relies on
      (a case document and page become bundle page references once a bundle is built)
  send-bundle working-document agree ID --change S.P.C
  send-bundle working-document pages ID
      how many pages the working document has now, against its limit (25)
  send-bundle working-document version ID [--date YYYY-MM-DD]
      make the next numbered, dated version: DOCX and PDF, the PDF put in section B of the bundle
  send-bundle working-document versions ID`;

type Working = WorkingDocumentContent;

async function load(api: CliApi, caseId: number): Promise<Working> {
  const draft = await api.call('drafts.get', { key: draftKey(caseId, 'working-document') });
  if (draft) {
    const parsed = WorkingDocumentContent.safeParse(draft.value);
    if (parsed.success) return parsed.data;
  }
  const latest = await api.call('workingDocument.content', { caseId });
  if (latest) return latest.content;
  throw new UsageError(
    `Case ${caseId} has no working document yet. Start one: send-bundle working-document start ${caseId} --text plan.txt`,
  );
}

async function keep(api: CliApi, caseId: number, content: Working): Promise<void> {
  await api.call('drafts.save', { key: draftKey(caseId, 'working-document'), value: content });
}

function at(content: Working, ref: string | undefined, parts: 2 | 3, option: string): number[] {
  const numbers = (ref ?? '').split('.').map(Number);
  if (numbers.length !== parts || numbers.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(
      `${option} must be ${parts === 2 ? 'S.P, for example 2.1' : 'S.P.C, for example 2.1.1'} (see "working-document show").`,
    );
  const section = content.sections[numbers[0] - 1];
  const paragraph = section?.paragraphs[numbers[1] - 1];
  if (!paragraph)
    throw new UsageError(`There is no paragraph ${numbers[0]}.${numbers[1]} (see "working-document show").`);
  if (parts === 3 && !paragraph.proposals[numbers[2] - 1])
    throw new UsageError(`Paragraph ${numbers[0]}.${numbers[1]} has no change ${numbers[2]}.`);
  return numbers.map((n) => n - 1);
}

const WHO: Record<Proposal['status'], string> = { parent: 'parent', la: 'LA', agreed: 'agreed' };

function show(io: CliIO, content: Working): void {
  io.out(content.title);
  content.sections.forEach((section, s) => {
    io.out(`${s + 1}  ${section.heading}`);
    section.paragraphs.forEach((p, i) => {
      io.out(
        `  ${s + 1}.${i + 1}  ${paragraphRuns(p)
          .runs.map((r) => (r.style === 'original' ? r.text : `[${r.style}: ${r.text.trim()}]`))
          .join('')}`,
      );
      p.proposals.forEach((q, k) => {
        const what = [q.delete ? `delete “${q.delete}”` : '', q.insert ? `add “${q.insert}”` : '']
          .filter(Boolean)
          .join(', ');
        const refs = q.refs.map((r) => r.text).join('; ');
        io.out(
          `    ${s + 1}.${i + 1}.${k + 1}  ${WHO[q.status]}: ${what}${refs ? `  (evidence: ${refs})` : ''}`,
        );
      });
    });
  });
}

export const workingDocumentCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'start': {
        const { values, positionals } = parseCommandArgs(rest, {
          text: { type: 'string' },
          docx: { type: 'string' },
        });
        const caseId = parseCaseId(positionals[0]);
        if (!values.text === !values.docx)
          throw new UsageError('working-document start needs --text FILE or --docx FILE.');
        const content = await withApi(globals, async (api) => {
          const started = values.text
            ? contentFromText(readFileSync(resolve(values.text), 'utf8'))
            : await api.call('workingDocument.importDocx', {
                file: { name: values.docx!, path: resolve(values.docx!) },
              });
          await keep(api, caseId, started);
          return started;
        });
        if (globals.json) printJson(io, content);
        else
          io.out(
            `Working document started: ${content.sections.length} sections, ${content.sections.reduce((a, s) => a + s.paragraphs.length, 0)} paragraphs.`,
          );
        return EXIT_OK;
      }
      case 'show': {
        const { positionals } = parseCommandArgs(rest, {});
        const content = await withApi(globals, (api) => load(api, parseCaseId(positionals[0])));
        if (globals.json) printJson(io, content);
        else show(io, content);
        return EXIT_OK;
      }
      case 'propose': {
        const { values, positionals } = parseCommandArgs(rest, {
          paragraph: { type: 'string' },
          by: { type: 'string' },
          delete: { type: 'string' },
          add: { type: 'string' },
          evidence: { type: 'string' },
          document: { type: 'string' },
          page: { type: 'string' },
        });
        const caseId = parseCaseId(positionals[0]);
        if (!values.by || !['parent', 'la', 'agreed'].includes(values.by))
          throw new UsageError('--by must be parent, la or agreed.');
        if (!values.delete && !values.add)
          throw new UsageError('A change needs --delete TEXT, --add TEXT or both.');
        if (values.document && !/^[1-9]\d*$/.test(values.document))
          throw new UsageError('--document must be a document number (see "send-bundle docs").');
        if (values.page && !/^[1-9]\d*$/.test(values.page))
          throw new UsageError('--page must be a page number of that document.');
        const content = await withApi(globals, async (api) => {
          const working = await load(api, caseId);
          const [s, p] = at(working, values.paragraph, 2, '--paragraph');
          const paragraph = working.sections[s].paragraphs[p];
          paragraph.proposals.push({
            id: `cli${Date.now().toString(36)}${paragraph.proposals.length}`,
            status: values.by as Proposal['status'],
            delete: values.delete,
            insert: values.add,
            refs: values.evidence
              ? [
                  {
                    text: values.evidence,
                    documentId: values.document ? Number(values.document) : undefined,
                    pageFrom: values.page ? Number(values.page) : undefined,
                  },
                ]
              : [],
          });
          const checked = WorkingDocumentContent.parse(working);
          const problems = paragraphRuns(paragraph).problems;
          if (problems.length) throw new UsageError(problems.join(' '));
          await keep(api, caseId, checked);
          return checked;
        });
        if (globals.json) printJson(io, content);
        else show(io, content);
        return EXIT_OK;
      }
      case 'agree': {
        const { values, positionals } = parseCommandArgs(rest, { change: { type: 'string' } });
        const caseId = parseCaseId(positionals[0]);
        const content = await withApi(globals, async (api) => {
          const working = await load(api, caseId);
          const [s, p, c] = at(working, values.change, 3, '--change');
          working.sections[s].paragraphs[p].proposals[c].status = 'agreed';
          await keep(api, caseId, working);
          return working;
        });
        if (globals.json) printJson(io, content);
        else show(io, content);
        return EXIT_OK;
      }
      case 'pages': {
        const { positionals } = parseCommandArgs(rest, {});
        const caseId = parseCaseId(positionals[0]);
        const measure = await withApi(globals, async (api) =>
          api.call('workingDocument.measure', { caseId, content: await load(api, caseId) }),
        );
        if (globals.json) printJson(io, measure);
        else {
          io.out(
            `${measure.pageCount} of ${measure.limit ?? 'no limit'} pages${measure.limit !== null && measure.pageCount > measure.limit ? `: ${measure.pageCount - measure.limit} over the limit` : ''}`,
          );
          measure.problems.forEach((p) => io.out(`Problem: ${p}`));
        }
        return EXIT_OK;
      }
      case 'version': {
        const { values, positionals } = parseCommandArgs(rest, { date: { type: 'string' } });
        const caseId = parseCaseId(positionals[0]);
        checkDateOption(values.date, '--date');
        const version = await withApi(globals, async (api) =>
          api.call('workingDocument.saveVersion', {
            caseId,
            content: await load(api, caseId),
            date: values.date,
          }),
        );
        if (globals.json) printJson(io, version);
        else {
          io.out(
            `Version ${version.version}, ${version.date}: ${version.pageCount} pages, in section B as document ${version.documentId}.`,
          );
          io.out(`Word: ${version.docxPath}`);
          io.out(`PDF:  ${version.pdfPath}`);
          version.changes.forEach((c) => io.out(`  ${c.where}: ${c.what}`));
        }
        return EXIT_OK;
      }
      case 'versions': {
        const { positionals } = parseCommandArgs(rest, {});
        const list = await withApi(globals, (api) =>
          api.call('workingDocument.versions', { caseId: parseCaseId(positionals[0]) }),
        );
        if (globals.json) printJson(io, list);
        else if (!list.length) io.out('No versions made yet.');
        else list.forEach((v) => io.out(`${v.version}\t${v.date}\t${v.pageCount} pages\t${v.docxPath}`));
        return EXIT_OK;
      }
      default:
        throw new UsageError(
          sub
            ? `Unknown working-document command "${sub}".`
            : 'working-document needs a command: start, show, propose, agree, pages, version or versions.',
        );
    }
  },
};
