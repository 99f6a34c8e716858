/**
 * Compliance with the rule pack, worked out from the plan before anything is built: page meters per part
 * and party, the checklist of required documents, findings (limits, report age, witnesses, missing documents,
 * landscape and unsearchable pages) and the content of the non-compliance note the Practice Direction asks for.
 */
import {
  partCovers,
  partsFor,
  requiredDocumentsFor,
  satisfiesRequirement,
  sectionOf,
  type LimitSituation,
} from '../rules/index';
import { PROCEEDING_TERMS, proceedingOf } from '../rules/proceedings';
import { PD_CONTENT_RULES } from '../rules/practiceDirection';
import type { RulePack } from '../rules/types';
import { formatDate, yearsBefore } from '../dates/isoDate';
import { formatLabelRange, formatRange } from './format';
import { fillPlaces, type NumberedDocument, type Numbering } from './numbering';
import type {
  ChecklistItem,
  ComplianceFinding,
  NonComplianceNote,
  PageMeter,
  PlanCase,
  PlanDocument,
  PlanOptions,
  PlanWitness,
} from './types';

interface ComplianceResult {
  meters: PageMeter[];
  checklist: ChecklistItem[];
  findings: ComplianceFinding[];
}

/** Collapses a list of labels into readable ranges where they run on: "12–14, 20". */
export function describePages(labels: string[], all: string[]): string {
  const position = new Map(all.map((l, i) => [l, i]));
  const sorted = [...labels].sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  const runs: { first: string; last: string; lastPosition: number | undefined }[] = [];
  for (const label of sorted) {
    const at = position.get(label);
    const run = runs.at(-1);
    if (run && at !== undefined && run.lastPosition !== undefined && at === run.lastPosition + 1) {
      run.last = label;
      run.lastPosition = at;
    } else runs.push({ first: label, last: label, lastPosition: at });
  }
  return runs.map((run) => formatRange(run.first, run.last)).join(', ');
}

function isLandscape(size: { width: number; height: number; rotate: number }): boolean {
  const turned = size.rotate % 180 !== 0;
  const w = turned ? size.height : size.width;
  const h = turned ? size.width : size.height;
  return w > h * 1.05;
}

const PARTY_NAMES: Record<PlanWitness['party'], string> = {
  appellant: 'the appellant',
  la: 'the local authority',
  health: 'health',
  'social-care': 'social care',
  school: 'the school',
  other: 'other parties',
};

export function assessCompliance(
  pack: RulePack,
  planCase: PlanCase,
  numbering: Numbering,
  witnesses: PlanWitness[],
  options: Pick<PlanOptions, 'compiledDate' | 'placementOnly'>,
): ComplianceResult {
  const situation: LimitSituation = {
    appealType: planCase.appealType,
    placementOnly: options.placementOnly,
    extendedHealth: planCase.extendedHealth,
    extendedSocialCare: planCase.extendedSocialCare,
    extended: planCase.extended || planCase.extendedHealth || planCase.extendedSocialCare,
  };
  const allowances = new Map((planCase.allowances ?? []).map((a) => [a.partId, a]));
  const usual = new Map(partsFor(pack, situation).map((p) => [p.id, p.pages]));
  if (allowances.size)
    situation.allowances = Object.fromEntries([...allowances].map(([k, a]) => [k, a.pages]));
  const caseNoun = PROCEEDING_TERMS[proceedingOf(planCase.appealType)].caseNoun;
  const numbered: NumberedDocument[] = numbering.sections.flatMap((s) => s.documents);
  const allLabels = numbered.flatMap((d) => d.labels);
  const findings: ComplianceFinding[] = [];
  const docName = (d: PlanDocument) => `"${d.title}"`;

  // Page meters and limits per part and party.
  const meters: PageMeter[] = partsFor(pack, situation).map((part) => {
    const docs = numbered.filter((n) => partCovers(part, n.doc));
    const pages = docs.reduce((sum, n) => sum + n.doc.pageCount, 0);
    const status: PageMeter['status'] =
      pages > part.pages ? 'over' : pages === part.pages ? 'at-limit' : 'ok';
    const allowance = allowances.get(part.id);
    if (status === 'over') {
      // A party's own evidence over its limit needs the tribunal's permission (SEND7), asked by that
      // party; the note explains the bundle as a whole (the parts its compiler fills).
      const partyPart = part.party !== null;
      const limitText = allowance
        ? `the tribunal allowed ${part.pages} (by its ${allowance.basis} of ${formatDate(allowance.grantedDate, 'long')})`
        : `the limit for this ${caseNoun} is ${part.pages}`;
      findings.push({
        id: `page-limit:${part.id}`,
        rule: 'page-limit',
        severity: 'breach',
        message:
          `${part.label} (section ${part.section}) has ${pages} pages; ${limitText}.` +
          (partyPart
            ? ' More pages need the tribunal’s permission: the party asks for it on form SEND7 (request for changes), explaining why.'
            : ''),
        documentIds: docs.map((n) => n.doc.id),
        pages: docs.length ? [formatLabelRange(docs.flatMap((n) => n.labels))] : [],
        limit: part.pages,
        actual: pages,
        citation: part.citation,
        needsNote: !partyPart,
        ...(partyPart ? { needsPermission: true } : {}),
      });
    }
    return {
      partId: part.id,
      label: part.label,
      section: part.section,
      party: part.party,
      pages,
      limit: part.pages,
      status,
      ...(allowance ? { allowance: { ...allowance, usualLimit: usual.get(part.id) ?? null } } : {}),
    };
  });

  const reference = planCase.hearingDate ?? options.compiledDate;
  const oldest = yearsBefore(reference, pack.expertReport.maxAgeYears);
  for (const n of numbered) {
    const d = n.doc;
    if (d.kind === 'expert-report') {
      if (d.pageCount > pack.expertReport.maxPages) {
        findings.push({
          id: `expert-report-length:${d.id}`,
          rule: 'expert-report-length',
          severity: 'breach',
          message: `The expert report ${docName(d)} has ${d.pageCount} pages; expert reports should be at most ${pack.expertReport.maxPages} pages.`,
          documentIds: [d.id],
          pages: [formatLabelRange(n.labels)],
          limit: pack.expertReport.maxPages,
          actual: d.pageCount,
          citation: pack.expertReport.citation,
          needsNote: true,
        });
      }
      const dated = d.assessmentDate ?? d.documentDate;
      if (!dated) {
        findings.push({
          id: `report-age:${d.id}`,
          rule: 'report-age',
          severity: 'info',
          message: `The expert report ${docName(d)} has no date, so its age cannot be checked. Add the date of the report.`,
          documentIds: [d.id],
          pages: [formatLabelRange(n.labels)],
          citation: pack.expertReport.citation,
          needsNote: false,
        });
      } else if (dated < oldest) {
        findings.push({
          id: `report-age:${d.id}`,
          rule: 'report-age',
          severity: 'breach',
          message:
            `The expert report ${docName(d)} is dated ${formatDate(dated, 'long')}, more than ` +
            `${pack.expertReport.maxAgeYears} years before ${planCase.hearingDate ? 'the hearing' : 'the bundle date'} (${formatDate(reference, 'long')}).`,
          documentIds: [d.id],
          pages: [formatLabelRange(n.labels)],
          limit: pack.expertReport.maxAgeYears,
          citation: pack.expertReport.citation,
          needsNote: true,
        });
      }
    }
    if (d.kind === 'witness-statement' && d.pageCount > pack.witnessStatement.maxPages) {
      findings.push({
        id: `witness-statement-length:${d.id}`,
        rule: 'witness-statement-length',
        severity: 'breach',
        message: `The witness statement ${docName(d)} has ${d.pageCount} pages; statements should be at most ${pack.witnessStatement.maxPages} pages.`,
        documentIds: [d.id],
        pages: [formatLabelRange(n.labels)],
        limit: pack.witnessStatement.maxPages,
        actual: d.pageCount,
        citation: pack.witnessStatement.citation,
        needsNote: true,
      });
    }
    // Page sizes and page-number lists beyond the document's pages are ignored.
    const labelsAt = (index: number): string[] => {
      const label = n.labels[index];
      return label === undefined ? [] : [label];
    };
    const landscape = d.pageSizes.flatMap((size, i) => (isLandscape(size) ? labelsAt(i) : []));
    if (landscape.length) {
      findings.push({
        id: `landscape-pages:${d.id}`,
        rule: 'landscape-pages',
        severity: 'info',
        // The labels are the bundle's page numbers, not the document's own ("page 2 of" a one-page photo).
        message: `${docName(d)}: ${landscape.length === 1 ? 'bundle page' : 'bundle pages'} ${describePages(landscape, allLabels)} ${landscape.length === 1 ? 'is' : 'are'} landscape. Bundles are portrait, with landscape pages turned so that they read the right way up on screen: check ${landscape.length === 1 ? 'it does' : 'they do'}.`,
        documentIds: [d.id],
        pages: landscape,
        needsNote: false,
      });
    }
    const unsearchable = d.pagesWithoutText.flatMap((p) => (p >= 1 ? labelsAt(p - 1) : []));
    if (unsearchable.length) {
      findings.push({
        id: `unsearchable-pages:${d.id}`,
        rule: 'unsearchable-pages',
        severity: 'warning',
        message: `${docName(d)}: ${unsearchable.length === 1 ? 'bundle page' : 'bundle pages'} ${describePages(unsearchable, allLabels)} ${unsearchable.length === 1 ? 'has' : 'have'} no searchable text (a scan or a photo). Bundles should be searchable: run text recognition (OCR) on ${unsearchable.length === 1 ? 'it' : 'them'} if you can.`,
        documentIds: [d.id],
        pages: unsearchable,
        needsNote: false,
      });
    }
    const covered = (d.coveredTextPages ?? []).flatMap((p) => (p >= 1 ? labelsAt(p - 1) : []));
    if (covered.length) {
      const one = covered.length === 1;
      findings.push({
        id: `covered-text:${d.id}`,
        rule: 'covered-text',
        severity: 'warning',
        message: `${docName(d)}: ${one ? 'bundle page' : 'bundle pages'} ${describePages(covered, allLabels)} ${one ? 'has' : 'have'} words hidden by a box that are still in the file (a box or pen strokes painted over them, a highlight in their own colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible text left when the scan was taken out): ${one ? 'it looks' : 'they look'} redacted (blacked or whited out, or cropped), but anyone with the bundle can copy or search for the words. If they were hidden on purpose, take them out: the app can turn ${one ? 'the page into a picture' : 'those pages into pictures'} of what ${one ? 'it shows' : 'they show'} (the hidden words are then gone), or redact the document with a tool that removes the words (such as Acrobat's Redact) and add it again, or leave ${one ? 'the page' : 'those pages'} out.`,
        documentIds: [d.id],
        pages: covered,
        needsNote: false,
      });
    }
    const marked = (d.redactionMarkPages ?? []).flatMap((p) => (p >= 1 ? labelsAt(p - 1) : []));
    if (marked.length) {
      const one = marked.length === 1;
      findings.push({
        id: `redaction-marks:${d.id}`,
        rule: 'redaction-marks',
        severity: 'warning',
        message: `${docName(d)}: ${one ? 'bundle page' : 'bundle pages'} ${describePages(marked, allLabels)} ${one ? 'has' : 'have'} words marked for redaction that were never redacted: the marks were not applied, so the words are still on the page, and anyone with the bundle can read, copy or search them. The app can apply the redactions (the marked areas painted over and ${one ? 'the page turned into a picture' : 'those pages turned into pictures'} of what ${one ? 'it shows' : 'they show'}, so the words are gone), or apply them in the tool that marked them (in Acrobat: Redact, then Apply) and add the document again, or leave ${one ? 'the page' : 'those pages'} out.`,
        documentIds: [d.id],
        pages: marked,
        needsNote: false,
      });
    }
    const section = sectionOf(pack, d.section);
    if (!section) {
      findings.push({
        id: `unknown-section:${d.id}`,
        rule: 'unknown-section',
        severity: 'warning',
        message: `${docName(d)} is in section ${d.section}, which the tribunal's bundle order does not have. Move it to one of sections ${pack.sections.map((s) => s.letter).join(', ')}.`,
        documentIds: [d.id],
        pages: [formatLabelRange(n.labels)],
        needsNote: false,
      });
    } else if (
      section.extendedOnly &&
      !planCase.extended &&
      !planCase.extendedHealth &&
      !planCase.extendedSocialCare
    ) {
      findings.push({
        id: `extended-section:${d.id}`,
        rule: 'extended-section',
        severity: 'warning',
        message: `${docName(d)} is in section ${d.section} (${section.title}), which is for extended appeals, but this ${caseNoun} is not marked as extended.`,
        documentIds: [d.id],
        pages: [formatLabelRange(n.labels)],
        needsNote: false,
      });
    }
  }

  // Evidence in date order within each section: the order to put them in is offered as a fix.
  for (const section of numbering.sections) {
    if (!/evidence/i.test(sectionOf(pack, section.letter)?.title ?? '')) continue;
    const dated = section.documents.filter((n) => n.doc.documentDate);
    const inOrder = [...dated].sort((a, b) =>
      a.doc.documentDate! < b.doc.documentDate! ? -1 : a.doc.documentDate! > b.doc.documentDate! ? 1 : 0,
    );
    if (inOrder.every((n, i) => n === dated[i])) continue;
    // Undated documents keep their places; the dated ones take the dated places in date order.
    const order = fillPlaces(section.documents, (n) => Boolean(n.doc.documentDate), inOrder);
    const moved = dated.filter((n, i) => inOrder[i] !== n);
    findings.push({
      id: `date-order:${section.letter}`,
      rule: 'date-order',
      severity: 'warning',
      message: `Section ${section.letter} is not in date order (${moved.map((n) => `${docName(n.doc)}, ${formatDate(n.doc.documentDate, 'long')}`).join('; ')}). Evidence goes in date order within each section, earliest first.`,
      documentIds: moved.map((n) => n.doc.id),
      pages: moved.map((n) => formatLabelRange(n.labels)),
      citation: PD_CONTENT_RULES.chronological.citation,
      needsNote: false,
      reorder: { section: section.letter, documentIds: order.map((n) => n.doc.id) },
    });
  }

  // The same file twice: a bundle must not contain more than one copy of a document.
  const bySha = new Map<string, NumberedDocument[]>();
  for (const n of numbered) bySha.set(n.doc.sha256, [...(bySha.get(n.doc.sha256) ?? []), n]);
  for (const copies of bySha.values()) {
    const [first, second] = copies;
    if (first === undefined || second === undefined) continue; // one copy
    findings.push({
      id: `duplicate-document:${first.doc.id}`,
      rule: 'duplicate-document',
      severity: 'warning',
      message: `The same document appears ${copies.length} times (${copies.map((c) => `${docName(c.doc)} at ${formatLabelRange(c.labels)}`).join('; ')}). A bundle should contain one copy of each document.`,
      documentIds: copies.map((c) => c.doc.id),
      pages: copies.map((c) => formatLabelRange(c.labels)),
      needsNote: false,
    });
  }

  // Witnesses per party, named as the proceeding names them.
  const partyNames =
    proceedingOf(planCase.appealType) === 'dd'
      ? { ...PARTY_NAMES, appellant: 'the claimant', la: 'the responsible body' }
      : PARTY_NAMES;
  const byParty = new Map<PlanWitness['party'], number>();
  for (const w of witnesses) if (w.attending) byParty.set(w.party, (byParty.get(w.party) ?? 0) + 1);
  for (const [party, count] of byParty) {
    if (count <= pack.witnesses.perParty) continue;
    findings.push({
      id: `witness-count:${party}`,
      rule: 'witness-count',
      severity: 'breach',
      message: `${count} witnesses are attending for ${partyNames[party]}; the usual limit is ${pack.witnesses.perParty}. More need the tribunal's permission (form SEND7).`,
      documentIds: [],
      pages: [],
      limit: pack.witnesses.perParty,
      actual: count,
      citation: pack.witnesses.citation,
      needsNote: false,
      needsPermission: true,
    });
  }

  // Required documents.
  const checklist: ChecklistItem[] = requiredDocumentsFor(pack, situation).map((req) => {
    const matches = numbered.filter((n) => satisfiesRequirement(req, n.doc)).map((n) => n.doc.id);
    if (matches.length === 0) {
      findings.push({
        id: `missing-document:${req.id}`,
        rule: 'missing-document',
        severity: 'warning',
        message: `Not in the bundle yet: ${req.label} (it belongs in section ${req.section}).`,
        documentIds: [],
        pages: [],
        citation: req.citation,
        needsNote: false,
      });
    }
    return {
      id: req.id,
      label: req.label,
      section: req.section,
      present: matches.length > 0,
      documentIds: matches,
    };
  });

  for (const note of numbering.notes) {
    findings.push({
      id: `numbering:${note.kind}:${note.labels[0] ?? 'all'}`,
      rule: 'numbering',
      severity: 'info',
      message: note.message,
      documentIds: [],
      pages: note.labels.length ? [formatLabelRange(note.labels)] : [],
      needsNote: false,
    });
  }

  const order: Record<ComplianceFinding['severity'], number> = { breach: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity]);
  return { meters, checklist, findings };
}

const REASON_PROMPTS: Partial<Record<ComplianceFinding['rule'], string>> = {
  'page-limit':
    'Explain why these extra pages are needed for the tribunal to decide the case, and why they cannot be shortened.',
  'expert-report-length':
    'Explain why the report cannot be shortened to the limit (for example, the number of needs it covers).',
  'report-age':
    'Explain why this older report is still relevant, and whether a newer one exists or is coming.',
  'witness-statement-length': 'Explain why the statement needs more than the usual length.',
  'witness-count':
    'Explain why each extra witness is needed, and say whether permission (SEND7) has been asked for.',
};

/** The structured content of the non-compliance note, or null when nothing needs explaining. */
export function draftNonComplianceNote(
  pack: RulePack,
  planCase: PlanCase,
  findings: ComplianceFinding[],
  options: Pick<PlanOptions, 'version' | 'compiledDate'>,
): NonComplianceNote | null {
  const needing = findings.filter((f) => f.needsNote);
  if (needing.length === 0) return null;
  const headings: Record<string, string> = {
    'page-limit': 'Page limit exceeded',
    'expert-report-length': 'Expert report longer than the limit',
    'report-age': 'Report more than the usual age',
    'witness-statement-length': 'Witness statement longer than the limit',
    'witness-count': 'More witnesses than the usual number',
  };
  return {
    title: pack.nonComplianceNote.title,
    addressee: pack.nonComplianceNote.addressee,
    caseTitle: planCase.title,
    tribunalRef: planCase.tribunalRef,
    childName: planCase.childName,
    bundleVersion: options.version,
    compiledDate: options.compiledDate,
    citation: pack.nonComplianceNote.citation,
    items: needing.map((f) => ({
      findingId: f.id,
      heading: headings[f.rule] ?? 'Departure from the Practice Direction',
      whatIsWrong: f.message,
      rule: f.citation ?? pack.source.title,
      pages: f.pages,
      reasonPrompt: REASON_PROMPTS[f.rule] ?? 'Explain why this is necessary.',
    })),
    closing:
      'For the reasons above, we ask the tribunal to accept the bundle as it is. We are happy to provide a ' +
      'shortened version if the tribunal directs it.',
  };
}
