/**
 * Letters: the templates and their questions, prefilling from the case, and making the DOCX and PDF.
 * Every letter made is recorded with the exact facts it was made from; the same facts give the same
 * files, byte for byte (dates and names come from the facts, never from the clock).
 */
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { formatCount, LIMITS } from '../../../shared/limits';
import { letterPdfNote } from '../../../shared/text/fallbackFonts';
import { answerNotes } from '../../../shared/letters/guide';
import type {
  LetterFile,
  LetterFormat,
  LetterPrefill,
  LetterRecord,
  LetterTemplateInfo,
} from '../../../shared/domain/letters';
import { proceedingOf, type Proceeding } from '../../../shared/rules/proceedings';
import { writeFileAtomic } from '../../store/atomicFile';
import { requireCase as requireCaseRow } from '../../db/caseRecords';
import { extendedAllowed, extendedRefusal } from '../../../shared/rules/extendedAppeals';
import { LetterFieldsJson, LetterFilesJson } from '../../db/jsonColumns';
import { all, first, jsonColumn } from '../../db/query';
import type { LetterRow } from '../../db/schema';
import type { ServiceContext } from '../context';
import { loadCaseFacts, type CaseFactSources } from './facts';
import { missingFacts, publicField, reworded, validateFacts, type FieldDef } from './fields';
import { letterText, type Block, type Inline, type Letter } from './model';
import { resolveBundleReferences, type ReferenceSources } from '../../../shared/bundle/references';
import { bodyPagesAtLeast, renderLetterPdf, TooManyPages } from './pdf';
import { saveLetterFactsToCase } from './saveFacts';
import { findTemplate, TEMPLATES, type LetterTemplate } from './templates';

/** Bump when a change to the templates or renderers changes the output for the same facts. */
const LETTER_RENDER_VERSION = 3;

/** JSON with keys sorted at every level: the same facts always give the same text (and hash). */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function templateOrThrow(id: string): LetterTemplate {
  const template = findTemplate(id);
  if (!template)
    throw new ApiError(
      'not-found',
      `There is no letter called "${id}". The letters are: ${TEMPLATES.map((t) => t.id).join(', ')}.`,
    );
  return template;
}

/** A template's questions in the words of one kind of case. */
function fieldsFor(template: LetterTemplate, proceeding: Proceeding): FieldDef[] {
  return proceeding === 'dd' ? reworded(template.fields, template.claimWording) : template.fields;
}

/** The kind of case a letter is made for: the case's, else the one the facts say, else the template's first. */
function proceedingFor(template: LetterTemplate, values: Record<string, unknown>, given?: Proceeding) {
  const said = values.proceeding === 'dd' || values.proceeding === 'send' ? values.proceeding : undefined;
  return given ?? said ?? template.proceedings[0];
}

export function templateInfo(template: LetterTemplate, proceeding?: Proceeding): LetterTemplateInfo {
  return {
    id: template.id,
    label: template.label,
    description: (proceeding === 'dd' && template.claimDescription) || template.description,
    writer: template.writer,
    proceedings: template.proceedings,
    fields: fieldsFor(template, proceeding ?? template.proceedings[0]).map(publicField),
  };
}

/**
 * Builds the letter model from facts: validated, with missing facts named. A letter used in both kinds of
 * case keeps the kind among its facts (`proceeding`), so making it again gives the same words.
 */
export function buildLetter(
  templateId: string,
  values: Record<string, unknown>,
  proceeding?: Proceeding,
): { letter: Letter; facts: Record<string, unknown> } {
  const template = templateOrThrow(templateId);
  const kind = proceedingFor(template, values, proceeding);
  const dual = template.proceedings.length > 1;
  const facts = validateFacts<Record<string, unknown>>(
    template.label,
    fieldsFor(template, kind),
    values,
    (v) => (template.check ? template.check(dual ? { ...v, proceeding: kind } : v) : []),
  );
  const withKind = dual ? { ...facts, proceeding: kind } : facts;
  return { letter: template.build(withKind), facts: withKind };
}

/** A letter longer than LIMITS.textPages, refused in words (`atLeast`: its pages counted, if known). */
function tooManyPages(label: string, atLeast?: number): ApiError {
  return new ApiError(
    'invalid-input',
    `“${label}” would run to ${atLeast ? `at least ${formatCount(atLeast)}` : `more than ${formatCount(LIMITS.textPages)}`} pages, more than the ${formatCount(LIMITS.textPages)} one letter may have. Keep the letter to what the tribunal needs to read, and add long evidence as documents of their own.`,
  );
}

async function renderLetter(letter: Letter, format: LetterFormat, label: string): Promise<Uint8Array> {
  if (format !== 'docx')
    return renderLetterPdf(letter, { maxPages: LIMITS.textPages }).catch((error: unknown) => {
      throw error instanceof TooManyPages ? tooManyPages(label) : error;
    });
  // Loaded when a Word file is first made: the docx library's start-up is not paid by every process that
  // opens the services (a command-line build, the app before its first letter).
  const { renderLetterDocx } = await import('./docx');
  return renderLetterDocx(letter);
}

interface RenderOptions {
  /** Fill facts the caller did not give from the case (the CLI does; a screen sends everything). */
  usePrefill?: boolean;
}

/** Every piece of the letter's text with bundle references (`[EP report p.3]`) made bundle pages. */
function withBundleReferences(letter: Letter, sources: ReferenceSources): Letter {
  const fix = (text: string) => resolveBundleReferences(text, sources).text;
  const inline = (value: Inline): Inline =>
    typeof value === 'string' ? fix(value) : value.map((span) => ({ ...span, text: fix(span.text) }));
  const body: Block[] = letter.body.map((block) => {
    switch (block.type) {
      case 'heading':
        return { ...block, text: fix(block.text) };
      case 'paragraph':
        return { ...block, text: inline(block.text) };
      case 'list':
        return { ...block, items: block.items.map(inline) };
      case 'table':
        return { ...block, rows: block.rows.map((row) => row.map(fix)) };
    }
  });
  return { ...letter, body };
}

export function createLetterService(
  ctx: ServiceContext,
  deps: CaseFactSources & { bundleReferences?: (caseId: number) => ReferenceSources },
) {
  const { db } = ctx;

  function recordFromRow(row: LetterRow): LetterRecord {
    // Stored paths are relative to the letters folder.
    const files = jsonColumn(LetterFilesJson, row.files, 'letters.files').map((f) => ({
      ...f,
      path: resolve(ctx.paths.letters, f.path),
    }));
    const fields = jsonColumn(LetterFieldsJson, row.fields, 'letters.fields');
    const pdfNote = files.some((f) => f.format === 'pdf') ? letterPdfNote(fields) : null;
    const template = findTemplate(row.template);
    const answers = template ? answerNotes(fieldsFor(template, proceedingFor(template, fields)), fields) : [];
    return {
      id: row.id,
      caseId: row.case_id,
      template: row.template,
      fields,
      createdAt: row.created_at,
      files,
      notes: answers,
      pdfNotes: pdfNote ? [pdfNote] : [],
    };
  }

  const letterRow = (id: number) => first<LetterRow>(db, 'SELECT * FROM letters WHERE id = ?', id);

  /** The case must exist, and be of a kind the letter is for (an appeal's letters never go to a claim). */
  function requireCase(caseId: number, template?: LetterTemplate): Proceeding {
    const appealType = requireCaseRow(db, caseId).appeal_type;
    const proceeding = proceedingOf(appealType);
    if (template?.extendedAppealsOnly && proceeding === 'send' && !extendedAllowed(appealType))
      throw new ApiError(
        'invalid-input',
        `“${template.label}” answers the tribunal's health or social care recommendations, which it can make only in an extended appeal. ${extendedRefusal(appealType)}`,
      );
    if (template && !template.proceedings.includes(proceeding)) {
      const instead = TEMPLATES.filter(
        (t) => t.writer === template.writer && t.proceedings.includes(proceeding),
      );
      const kind = (p: Proceeding) =>
        p === 'dd' ? 'a disability discrimination claim' : 'an appeal about an EHC plan';
      throw new ApiError(
        'invalid-input',
        `“${template.label}” is for ${kind(template.proceedings[0])}, and this case is ${kind(proceeding)}.` +
          (instead.length
            ? ` The letters for it are: ${instead.map((t) => `${t.label} (${t.id})`).join(', ')}.`
            : ''),
      );
    }
    return proceeding;
  }

  function prefill(caseId: number, templateId: string): LetterPrefill {
    const template = templateOrThrow(templateId);
    const proceeding = requireCase(caseId, template);
    const fromCase = template.prefill(loadCaseFacts(ctx, caseId, deps));
    // What was typed into this letter last time fills what the case does not know (the case wins: it is
    // the newer word on anything it holds; the letter's date is always today's).
    const last = first<Pick<LetterRow, 'fields'>>(
      db,
      'SELECT fields FROM letters WHERE case_id = ? AND template = ? ORDER BY id DESC LIMIT 1',
      caseId,
      template.id,
    );
    const earlier = last ? { ...jsonColumn(LetterFieldsJson, last.fields, 'letters.fields') } : {};
    delete earlier.date;
    const fields = { ...earlier, ...fromCase };
    return {
      template: template.id,
      fields,
      missing: missingFacts(fieldsFor(template, proceeding), fields).map((m) => m.field),
    };
  }

  async function render(
    caseId: number,
    templateId: string,
    given: Record<string, unknown>,
    formats: LetterFormat[],
    options: RenderOptions = {},
  ): Promise<LetterRecord> {
    const template = templateOrThrow(templateId);
    const proceeding = requireCase(caseId, template);
    const supplied = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
    if (supplied.proceeding !== undefined && supplied.proceeding !== proceeding)
      throw new ApiError(
        'invalid-input',
        `These facts are for ${supplied.proceeding === 'dd' ? 'a disability discrimination claim' : 'an appeal'}, but this case is ${proceeding === 'dd' ? 'a disability discrimination claim' : 'an appeal'}.`,
      );
    const values = options.usePrefill ? { ...prefill(caseId, templateId).fields, ...supplied } : supplied;
    const built = buildLetter(template.id, values, proceeding);
    const { facts } = built;
    // References to bundle pages typed in the facts follow the latest bundle (made again after a rebuild).
    const letter = deps.bundleReferences
      ? withBundleReferences(built.letter, deps.bundleReferences(caseId))
      : built.letter;
    // A paste of very many short lines: said before its thousands of pages are laid out.
    const atLeast = bodyPagesAtLeast(letterText(letter));
    if (atLeast > LIMITS.textPages) throw tooManyPages(template.label, atLeast);
    const factsJson = stableJson(facts);
    const hash = createHash('sha256')
      .update(`${template.id}\n${LETTER_RENDER_VERSION}\n${factsJson}`)
      .digest('hex')
      .slice(0, 12);

    const wanted = [...new Set(formats)];
    const files: LetterFile[] = [];
    for (const format of wanted) {
      const bytes = await renderLetter(letter, format, template.label);
      const path = join(ctx.paths.letters, String(caseId), `${template.id}-${letter.date}-${hash}.${format}`);
      writeFileAtomic(path, bytes);
      files.push({
        format,
        path,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.length,
      });
    }

    saveLetterFactsToCase(ctx, deps.cases, caseId, template, facts);
    const stored = (list: LetterFile[]) =>
      JSON.stringify(list.map((f) => ({ ...f, path: relative(ctx.paths.letters, f.path) })));
    const existing = first<LetterRow>(
      db,
      'SELECT * FROM letters WHERE case_id = ? AND template = ? AND fields = ? ORDER BY id LIMIT 1',
      caseId,
      template.id,
      factsJson,
    );
    let id: number;
    if (existing) {
      // The same facts again: the same files, one record (adding any new format).
      const before = recordFromRow(existing).files.filter((f) => !wanted.includes(f.format));
      db.prepare('UPDATE letters SET files = ? WHERE id = ?').run(stored([...before, ...files]), existing.id);
      id = existing.id;
    } else {
      id = Number(
        db
          .prepare(
            'INSERT INTO letters (case_id, template, fields, created_at, files) VALUES (?, ?, ?, ?, ?)',
          )
          .run(caseId, template.id, factsJson, ctx.clock().toISOString(), stored(files)).lastInsertRowid,
      );
    }
    const row = letterRow(id);
    if (!row) throw new Error(`Letter ${id} was recorded but cannot be read back.`);
    return recordFromRow(row);
  }

  return {
    /** Every template; for a case, only the ones for its kind of case, in its words. */
    templates(caseId?: number): LetterTemplateInfo[] {
      if (caseId === undefined) return TEMPLATES.map((t) => templateInfo(t));
      const proceeding = requireCase(caseId);
      const extendable = extendedAllowed(requireCaseRow(db, caseId).appeal_type);
      const forCase = (t: LetterTemplate) =>
        t.proceedings.includes(proceeding) && (extendable || !t.extendedAppealsOnly);
      return TEMPLATES.filter(forCase).map((t) => templateInfo(t, proceeding));
    },
    prefill,
    render,
    list(caseId: number): LetterRecord[] {
      requireCase(caseId);
      return all<LetterRow>(db, 'SELECT * FROM letters WHERE case_id = ? ORDER BY id', caseId).map(
        recordFromRow,
      );
    },
    get(letterId: number): LetterRecord {
      const row = letterRow(letterId);
      if (!row) throw new ApiError('not-found', `There is no letter number ${letterId}.`);
      return recordFromRow(row);
    },
  };
}
