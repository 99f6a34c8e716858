import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { ApiError } from '../../shared/api/errors';
import { describeProblemKeys, type FactProblem } from '../../electron/services/letters/fields';
import type { LetterField, LetterFormat } from '../../shared/domain/letters';
import { writeFileAtomic } from '../../electron/store/atomicFile';
import { TEMPLATES } from '../../electron/services/letters/templates';
import { templateInfo } from '../../electron/services/letters/service';
import {
  EXIT_OK,
  parseCommandArgs,
  parseId,
  printJson,
  UsageError,
  withApi,
  type CliIO,
  type Command,
} from '../io';

type FactProblemDetails = { missing?: FactProblem[]; invalid?: FactProblem[] };

const USAGE = `Usage:
  send-bundle letter --list [--json]
      the letters the app can write, with the facts each needs
  send-bundle letter ID TEMPLATE --show
      what the case already fills in for the letter, and what is still missing
  send-bundle letter ID TEMPLATE --out FILE.docx|FILE.pdf [--out FILE…] [--field KEY=VALUE …] [--fields FILE.json] [--json]
      make the letter for case ID. Facts come from the case; --field and --fields add or replace them.
      VALUE may be JSON (for lists and tables: --field 'orders=["Assess Sam"]') or @FILE to read it from a file.

Templates: ${TEMPLATES.map((t) => t.id).join(', ')}`;

function formatOf(path: string): LetterFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  throw new UsageError(`--out must end in .docx or .pdf (got "${path}").`);
}

/** A --field value: JSON when it looks like JSON or the fact is a list/table, @file to read a file. */
function parseValue(raw: string, def: LetterField | undefined): unknown {
  let text = raw;
  if (raw.startsWith('@')) {
    const path = resolve(raw.slice(1));
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new ApiError(
        'invalid-input',
        `Cannot read the file ${path} given for --field ${def?.name ?? ''}.`,
      );
    }
  }
  const trimmed = text.trim();
  const structured = def?.type === 'records' || def?.type === 'list' || def?.type === 'paragraphs';
  if ((structured && /^[[{"]/.test(trimmed)) || (def === undefined && /^[[{]/.test(trimmed))) {
    try {
      return JSON.parse(trimmed);
    } catch {
      if (def?.type === 'records')
        throw new ApiError(
          'invalid-input',
          `--field ${def.name} must be JSON, for example [{"title": "…"}].`,
        );
    }
  }
  return text;
}

function fieldLine(f: LetterField, indent = '  '): string[] {
  const flags = [f.type, f.required ? 'required' : 'optional', f.prefillFrom && `from ${f.prefillFrom}`]
    .filter(Boolean)
    .join(', ');
  const lines = [`${indent}${f.name.padEnd(26)}${f.question} (${flags})`];
  if (f.options) lines.push(`${indent}${''.padEnd(26)}choose: ${f.options.map((o) => o.value).join(' | ')}`);
  for (const item of f.itemFields ?? []) lines.push(...fieldLine(item, `${indent}    .`));
  return lines;
}

function printTemplates(io: CliIO, json: boolean): void {
  const infos = TEMPLATES.map((t) => templateInfo(t));
  if (json) return printJson(io, infos);
  for (const t of infos) {
    io.out(`${t.id}: ${t.label}`);
    io.out(`  ${t.description}`);
    for (const f of t.fields) for (const line of fieldLine(f)) io.out(line);
    io.out('');
  }
}

export const letterCommand: Command = {
  usage: USAGE,
  async run(args, globals, io) {
    const { values, positionals } = parseCommandArgs(args, {
      list: { type: 'boolean' },
      show: { type: 'boolean' },
      out: { type: 'string', multiple: true },
      field: { type: 'string', multiple: true },
      fields: { type: 'string' },
    });
    if (values.list) {
      printTemplates(io, globals.json);
      return EXIT_OK;
    }
    const [caseArg, templateId] = positionals;
    const problem = 'letter needs a case number and a template, or --list.';
    const caseId = parseId(caseArg, problem);
    if (!templateId) throw new UsageError(problem);
    const template = TEMPLATES.find((t) => t.id === templateId);
    if (!template)
      throw new ApiError(
        'not-found',
        `There is no letter called "${templateId}". The letters are: ${TEMPLATES.map((t) => t.id).join(', ')}.`,
      );

    if (values.show) {
      const prefill = await withApi(globals, (api) =>
        api.call('letters.prefill', { caseId, template: templateId }),
      );
      if (globals.json) printJson(io, prefill);
      else {
        io.out(`From the case:`);
        io.out(JSON.stringify(prefill.fields, null, 2));
        io.out(
          prefill.missing.length
            ? `Still needed: ${prefill.missing.join(', ')}`
            : 'Nothing required is missing.',
        );
      }
      return EXIT_OK;
    }

    const outs = values.out ?? [];
    if (outs.length === 0) throw new UsageError('letter needs --out FILE.docx or --out FILE.pdf.');
    const formats = outs.map(formatOf);

    const given: Record<string, unknown> = {};
    if (values.fields) {
      const path = resolve(values.fields);
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        throw new ApiError('invalid-input', `${path} is not a readable JSON file of facts.`);
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new ApiError('invalid-input', `${path} must hold one JSON object: {"fact": value, …}.`);
      Object.assign(given, parsed);
    }
    for (const pair of values.field ?? []) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--field needs KEY=VALUE (got "${pair}").`);
      const key = pair.slice(0, eq);
      const def = template.fields.find((f) => f.name === key);
      if (!def)
        throw new ApiError(
          'invalid-input',
          `The ${template.label} has no fact "${key}". Its facts are: ${template.fields.map((f) => f.name).join(', ')}.`,
        );
      given[key] = parseValue(pair.slice(eq + 1), def);
    }

    const record = await withApi(globals, (api) =>
      api.call('letters.render', { caseId, template: templateId, fields: given, formats, usePrefill: true }),
    ).catch((error: unknown) => {
      // The screen names facts as its form does; a script needs the names --field takes, too.
      const details =
        error instanceof ApiError ? (error.details as FactProblemDetails | undefined) : undefined;
      const problems = details?.missing ?? details?.invalid;
      if (error instanceof ApiError && problems?.length)
        throw new ApiError(
          error.code,
          `${error.message}\nThe facts by the names --field takes: ${describeProblemKeys(problems)}.`,
          error.details,
        );
      throw error;
    });
    const written: { format: LetterFormat; path: string }[] = [];
    for (const out of outs) {
      const format = formatOf(out);
      const file = record.files.find((f) => f.format === format)!;
      const target = resolve(out);
      writeFileAtomic(target, readFileSync(file.path));
      written.push({ format, path: target });
    }
    if (globals.json) printJson(io, { ...record, written });
    else for (const w of written) io.out(w.path);
    const pdfNotes = written.some((w) => w.format === 'pdf') ? record.pdfNotes : [];
    for (const note of [...record.notes, ...pdfNotes]) io.err(`note: ${note}`);
    return EXIT_OK;
  },
};
