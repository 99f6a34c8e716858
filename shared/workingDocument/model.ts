/**
 * The working document as data: the EHC plan's disputed sections, paragraph by paragraph, each with the
 * parties' proposals (words to delete from the original, words to add, or both) and the evidence each
 * proposal relies on. The editor saves this shape as a draft; a version is this shape with a number and a
 * date; the DOCX and PDF are drawn from the runs `paragraphRuns` makes of it (styles from the key in
 * shared/rules/workingDocument.ts).
 */
import { z } from 'zod';
import { keyEntry, proposalStyle, type KeyStyle } from '../rules/workingDocument';
import { OBLIQUE_FONT_COVERAGE } from '../text/bundleFontCoverage';
import { unprintableOnPages } from '../text/fallbackFonts';
import { requiredGroup } from '../text/groups';

export const EvidenceRef = z.object({
  /** As it reads in the footnote: "EP report, Dr Smith, 28/02/2026, p.1, para 5". */
  text: z.string().trim().min(1, 'Say which evidence this is.').max(300),
  /** The case's document it points to: with a bundle built, becomes the bundle pages ("D12–D14"). */
  documentId: z.number().int().positive().optional(),
  /** Pages of that document (1-based). */
  pageFrom: z.number().int().positive().optional(),
  pageTo: z.number().int().positive().optional(),
});
export type EvidenceRef = z.infer<typeof EvidenceRef>;

const ProposalStatus = z.enum(['parent', 'la', 'agreed']);

export const Proposal = z
  .object({
    id: z.string().min(1).max(40),
    status: ProposalStatus,
    /** Words of the original paragraph to delete (they must appear in it). */
    delete: z.string().max(20_000).optional(),
    /** Words to add (after the deleted words, or at the end of the paragraph). */
    insert: z.string().max(20_000).optional(),
    refs: z.array(EvidenceRef).max(20).default([]),
  })
  .refine((p) => Boolean(p.delete?.trim() || p.insert?.trim()), {
    message: 'A proposal adds words, deletes words, or both.',
  });
export type Proposal = z.infer<typeof Proposal>;

export const WdParagraph = z.object({
  id: z.string().min(1).max(40),
  /** The plan's own words ('' for a paragraph a party proposes to add). */
  original: z.string().max(20_000),
  proposals: z.array(Proposal).max(50).default([]),
});
export type WdParagraph = z.infer<typeof WdParagraph>;

export const WdSection = z.object({
  heading: z.string().trim().min(1, 'Give the section a heading, such as "Section F".').max(200),
  paragraphs: z.array(WdParagraph).max(1000),
});
export type WdSection = z.infer<typeof WdSection>;

export const WorkingDocumentContent = z.object({
  title: z.string().trim().min(1).max(200).default('Working document'),
  childName: z.string().trim().max(200).optional(),
  tribunalRef: z.string().trim().max(100).optional(),
  sections: z.array(WdSection).min(1, 'Add at least one section of the plan.').max(60),
});
export type WorkingDocumentContent = z.infer<typeof WorkingDocumentContent>;

/** What the renderers draw: the content with its version number, date and any bundle references. */
export interface RenderedWorkingDocument extends WorkingDocumentContent {
  version: number;
  /** YYYY-MM-DD. */
  date: string;
  /** Bundle pages of evidence, by "documentId:pageFrom-pageTo" (see refKey). */
  bundlePages?: Record<string, string>;
}

interface WdRun {
  text: string;
  style: KeyStyle;
  /** Footnotes after this run (the evidence of the proposal it ends). */
  refs?: EvidenceRef[];
}

function refKey(ref: EvidenceRef): string | null {
  if (!ref.documentId) return null;
  return `${ref.documentId}:${ref.pageFrom ?? 1}-${ref.pageTo ?? ref.pageFrom ?? ''}`;
}

/** The footnote's words: the reference, and the bundle pages once a bundle exists. */
export function footnoteText(ref: EvidenceRef, bundlePages?: Record<string, string>): string {
  const key = refKey(ref);
  const pages = key ? bundlePages?.[key] : undefined;
  return pages ? `${ref.text} (bundle ${pages})` : ref.text;
}

/** Splits a footnote read back from a DOCX into the reference and its bundle pages. */
export function parseFootnote(text: string): { text: string; bundle?: string } {
  const m = /^(.*\S)\s*\(bundle ([^()]+)\)$/.exec(text.trim());
  return m ? { text: requiredGroup(m, 1), bundle: requiredGroup(m, 2) } : { text: text.trim() };
}

/**
 * The paragraph as styled runs: the original words, each deletion struck through where it stands with the
 * proposal's words to add right after it, and additions without a deletion at the end. `problems` names
 * deletions whose words are not in the paragraph (they are then shown as additions would be: at the end).
 */
export function paragraphRuns(paragraph: WdParagraph): { runs: WdRun[]; problems: string[] } {
  const problems: string[] = [];
  const original = paragraph.original;
  const placed: { start: number; end: number; proposal: Proposal }[] = [];
  const atEnd: Proposal[] = [];
  for (const proposal of paragraph.proposals) {
    const words = proposal.delete;
    if (!words?.trim()) {
      atEnd.push(proposal);
      continue;
    }
    let from = 0;
    let start = -1;
    while ((start = original.indexOf(words, from)) >= 0) {
      const end = start + words.length;
      if (!placed.some((p) => start < p.end && end > p.start)) break;
      from = start + 1;
    }
    if (start < 0) {
      problems.push(`The words to delete, “${clip(words)}”, are not in the paragraph “${clip(original)}”.`);
      atEnd.push({ ...proposal, delete: undefined });
      continue;
    }
    placed.push({ start, end: start + words.length, proposal });
  }
  placed.sort((a, b) => a.start - b.start);

  const runs: WdRun[] = [];
  const push = (run: WdRun) => {
    if (!run.text) return;
    const last = runs[runs.length - 1];
    // Only the plan's own words run together: each proposal keeps its own run, so it reads back as one.
    if (last && last.style === 'original' && run.style === 'original') last.text += run.text;
    else runs.push(run);
  };
  const needsSpace = () => {
    const last = runs[runs.length - 1];
    return Boolean(last && !/\s$/.test(last.text));
  };
  let cursor = 0;
  for (const { start, end, proposal } of placed) {
    push({ text: original.slice(cursor, start), style: 'original' });
    const refs = proposal.refs.length ? proposal.refs : undefined;
    const insert = proposal.insert?.trim();
    push({
      text: original.slice(start, end),
      style: proposalStyle(proposal.status, true),
      refs: insert ? undefined : refs,
    });
    if (insert) push({ text: ` ${insert}`, style: proposalStyle(proposal.status, false), refs });
    cursor = end;
  }
  push({ text: original.slice(cursor), style: 'original' });
  for (const proposal of atEnd) {
    const insert = proposal.insert?.trim();
    if (!insert) continue;
    push({
      text: `${needsSpace() ? ' ' : ''}${insert}`,
      style: proposalStyle(proposal.status, false),
      refs: proposal.refs.length ? proposal.refs : undefined,
    });
  }
  return { runs, problems };
}

function clip(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/** Every problem in the document (deletions that cannot be placed), with where it is. */
export function contentProblems(content: WorkingDocumentContent): string[] {
  const out: string[] = [];
  for (const section of content.sections)
    section.paragraphs.forEach((p, i) => {
      for (const problem of paragraphRuns(p).problems)
        out.push(`${section.heading}, paragraph ${i + 1}: ${problem}`);
    });
  return out;
}

/**
 * The plan's text pasted or read from a file: a line that names a section ("Section B", "Section F:
 * Special educational provision") starts a section; every other non-empty line is a paragraph.
 */
export function contentFromText(text: string, title = 'Working document'): WorkingDocumentContent {
  const sections: WdSection[] = [];
  let n = 0;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^section\s+[A-K]\b/i.test(line) && line.length <= 200) {
      sections.push({ heading: line, paragraphs: [] });
      continue;
    }
    if (sections.length === 0) sections.push({ heading: 'The plan', paragraphs: [] });
    n += 1;
    sections.at(-1)!.paragraphs.push({ id: `p${n}`, original: line, proposals: [] });
  }
  if (sections.length === 0) sections.push({ heading: 'The plan', paragraphs: [] });
  return { title, sections };
}

export interface WdChange {
  where: string;
  what: string;
}

function proposalLabel(p: Proposal): string {
  const who = p.status === 'agreed' ? 'agreed' : p.status === 'la' ? "LA's" : "parent's";
  const parts = [
    p.delete ? `delete “${clip(p.delete, 40)}”` : '',
    p.insert ? `add “${clip(p.insert, 40)}”` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${who} proposal to ${parts}`;
}

/** What changed from one version to the next, paragraph by paragraph, in plain words. */
export function versionChanges(
  before: WorkingDocumentContent | null,
  after: WorkingDocumentContent,
): WdChange[] {
  if (!before) return [{ where: 'Whole document', what: 'First version.' }];
  const changes: WdChange[] = [];
  const oldParagraphs = new Map<string, { p: WdParagraph; heading: string }>();
  for (const s of before.sections)
    for (const p of s.paragraphs) oldParagraphs.set(p.id, { p, heading: s.heading });
  const seen = new Set<string>();
  for (const section of after.sections) {
    section.paragraphs.forEach((p, i) => {
      const where = `${section.heading}, paragraph ${i + 1}`;
      seen.add(p.id);
      const old = oldParagraphs.get(p.id);
      if (!old) {
        changes.push({ where, what: 'New paragraph.' });
        return;
      }
      if (old.p.original !== p.original) changes.push({ where, what: 'The original wording was changed.' });
      const oldProposals = new Map(old.p.proposals.map((q) => [q.id, q]));
      for (const q of p.proposals) {
        const was = oldProposals.get(q.id);
        if (!was) changes.push({ where, what: `New ${proposalLabel(q)}.` });
        else if (was.status !== q.status)
          changes.push({
            where,
            what:
              q.status === 'agreed'
                ? `Agreed: ${proposalLabel(was)}.`
                : `${proposalLabel(was)} is now the ${q.status === 'la' ? "LA's" : "parent's"}.`,
          });
        else if (was.delete !== q.delete || was.insert !== q.insert)
          changes.push({ where, what: `Changed: ${proposalLabel(q)}.` });
        else if (JSON.stringify(was.refs) !== JSON.stringify(q.refs))
          changes.push({ where, what: `Evidence references changed for the ${proposalLabel(q)}.` });
        oldProposals.delete(q.id);
      }
      for (const gone of oldProposals.values())
        changes.push({ where, what: `Withdrawn: ${proposalLabel(gone)}.` });
    });
  }
  for (const [id, old] of oldParagraphs)
    if (!seen.has(id))
      changes.push({ where: old.heading, what: `Paragraph removed: “${clip(old.p.original)}”.` });
  return changes;
}

/**
 * The bundle pages of each evidence reference, from a built bundle's plan: the stamped labels of the pages
 * the reference names ("D12–D14"), by refKey. References to documents not in the bundle are left out.
 */
export function bundlePagesFor(
  content: WorkingDocumentContent,
  pages: { label: string; documentId?: number; sourcePage?: number }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const section of content.sections)
    for (const paragraph of section.paragraphs)
      for (const proposal of paragraph.proposals)
        for (const ref of proposal.refs) {
          const key = refKey(ref);
          if (!key || key in out) continue;
          const from = (ref.pageFrom ?? 1) - 1;
          const to = (ref.pageTo ?? ref.pageFrom ?? 1) - 1;
          const labels = pages
            .filter(
              (p) =>
                p.documentId === ref.documentId &&
                p.sourcePage !== undefined &&
                p.sourcePage >= from &&
                p.sourcePage <= to,
            )
            .map((p) => p.label);
          const [first, last] = [labels.at(0), labels.at(-1)];
          if (first !== undefined && last !== undefined)
            out[key] = labels.length === 1 ? first : `${first}–${last}`;
        }
  return out;
}

/** The page meter's answer. */
export interface WorkingDocumentMeasure {
  pageCount: number;
  /** The working document's page limit for this case (null where the pack sets none). */
  limit: number | null;
  /** Deletions whose words are not in their paragraph, and the like. */
  problems: string[];
  /** What the user should know but need not change: letters the PDF's font cannot print. */
  notes: string[];
}

export interface WorkingDocumentVersion {
  version: number;
  date: string;
  createdAt: string;
  pageCount: number;
  changes: WdChange[];
  docxPath: string;
  pdfPath: string;
  /** The document it is in section B (null once removed from the case). */
  documentId: number | null;
}

/**
 * The characters the working document's PDF cannot print (shared/text/fallbackFonts.ts): the LA's italic runs
 * are set in the oblique font, which has fewer, everything else upright; what those have not, in the
 * fallback fonts.
 */
export function unprintableInPdf(content: WorkingDocumentContent): string[] {
  const found = new Set<string>();
  const add = (text: string, italic = false) => {
    for (const ch of unprintableOnPages(text, italic ? OBLIQUE_FONT_COVERAGE : undefined)) found.add(ch);
  };
  add(`${content.title} ${content.childName ?? ''} ${content.tribunalRef ?? ''}`);
  for (const section of content.sections) {
    add(section.heading);
    for (const paragraph of section.paragraphs) {
      for (const run of paragraphRuns(paragraph).runs) {
        add(run.text, keyEntry(run.style).italic);
        for (const ref of run.refs ?? []) add(ref.text);
      }
    }
  }
  return [...found];
}
