/** Editing one document's details, and for reports, the author's profession and the EHC plan sections. */
import { useEffect, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api';
import { documentKindOptions } from '../../copy';
import { Checkbox, Checkboxes, Select, TextField } from '../../components/Form';
import { unprintableWarning } from '../../../shared/text/fallbackFonts';
import { DateInput, dateInputPartId } from '../../components/DateInput';
import { ErrorSummary, type FieldProblem } from '../../components/ErrorSummary';
import { notTooLong } from '../../fieldChecks';
import { TEXT_MAX } from '../../../shared/domain/case';
import { ErrorNotice } from '../../components/Notice';
import {
  dateEntryFromIso,
  EMPTY_DATE_ENTRY,
  readDateEntry,
  type DateEntry,
} from '../../../shared/dates/entry';
import { EHC_PLAN_SECTIONS, type DocumentKind, type DocumentRecord } from '../../../shared/domain/documents';
import { formatPageSelection, readPageSelection } from '../../../shared/domain/pageSelection';
import type { SectionView } from './sections';
import type { Proceeding } from '../../../shared/rules/proceedings';

type PlanSection = (typeof EHC_PLAN_SECTIONS)[number];

const PLAN_SECTION_NAMES: Record<PlanSection, string> = {
  A: 'A – views and hopes',
  B: 'B – special educational needs',
  C: 'C – health needs',
  D: 'D – social care needs',
  E: 'E – outcomes',
  F: 'F – special educational help',
  G: 'G – health help',
  H1: 'H1 – social care help',
  H2: 'H2 – other social care help',
  I: 'I – school or college',
  J: 'J – personal budget',
  K: 'K – advice and reports',
};

const REPORT_KINDS: DocumentKind[] = ['expert-report'];

export function DocumentDetailsForm(props: {
  doc: DocumentRecord;
  sections: SectionView[];
  proceeding: Proceeding;
  onSaved: (doc: DocumentRecord) => void;
  onCancel: () => void;
}) {
  const { doc } = props;
  const [title, setTitle] = useState(doc.title);
  const [date, setDate] = useState<DateEntry>(dateEntryFromIso(doc.documentDate));
  const [author, setAuthor] = useState(doc.author ?? '');
  const [section, setSection] = useState(doc.section);
  const [kind, setKind] = useState<DocumentKind>(doc.kind);
  const [late, setLate] = useState(doc.late);
  const [pages, setPages] = useState(doc.keptPages ? formatPageSelection(doc.keptPages) : '');
  const [profession, setProfession] = useState('');
  const [qualifications, setQualifications] = useState('');
  const [assessed, setAssessed] = useState<DateEntry>(EMPTY_DATE_ENTRY);
  const [planSections, setPlanSections] = useState<PlanSection[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [checked, setChecked] = useState(false);
  const idBase = `doc-${doc.id}`;
  const isReport = REPORT_KINDS.includes(kind);

  // Pages chosen in the preview while this form is open show here, so saving the form keeps them.
  const keptPagesText = doc.keptPages ? formatPageSelection(doc.keptPages) : '';
  const [shownKeptPages, setShownKeptPages] = useState(keptPagesText);
  if (shownKeptPages !== keptPagesText) {
    setShownKeptPages(keptPagesText);
    setPages(keptPagesText);
  }

  useEffect(() => {
    let live = true;
    call('documents.getReportDetails', { documentId: doc.id }).then(
      (details) => {
        if (!live || !details) return;
        setProfession(details.authorProfession ?? '');
        setQualifications(details.authorQualifications ?? '');
        setAssessed(dateEntryFromIso(details.assessmentDate));
        setPlanSections(details.planSections as PlanSection[]);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [doc.id]);

  const dateRead = readDateEntry(date, { what: 'the date of the document' });
  const pagesRead = readPageSelection(pages, doc.pageCount);
  const assessedRead = readDateEntry(assessed, { what: 'the date they assessed the child or young person' });
  const problems: FieldProblem[] = [
    ...(title.trim() ? [] : [{ fieldId: `${idBase}-title`, message: 'Enter a title for the document' }]),
    ...notTooLong(title, `${idBase}-title`, 'The title', TEXT_MAX.title),
    ...notTooLong(author, `${idBase}-author`, 'Who wrote it', TEXT_MAX.name),
    ...(dateRead.ok
      ? []
      : [{ fieldId: dateInputPartId(`${idBase}-date`, dateRead.parts[0]), message: dateRead.message }]),
    ...(pagesRead.ok ? [] : [{ fieldId: `${idBase}-pages`, message: pagesRead.message }]),
    ...(assessedRead.ok || !isReport
      ? []
      : [
          {
            fieldId: dateInputPartId(`${idBase}-assessed`, assessedRead.parts[0]),
            message: assessedRead.message,
          },
        ]),
  ];
  const shown = (prefix: string) =>
    checked ? problems.find((p) => p.fieldId.startsWith(prefix))?.message : undefined;

  async function save(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    if (problems.length > 0 || !dateRead.ok || !assessedRead.ok || !pagesRead.ok) return;
    setSaving(true);
    setError(null);
    try {
      const saved = await call('documents.update', {
        documentId: doc.id,
        details: {
          title: title.trim(),
          documentDate: dateRead.iso,
          author: author.trim() || null,
          section,
          kind,
          late,
          ...(doc.pageCount > 1 ? { keptPages: pagesRead.pages } : {}),
        },
      });
      if (isReport) {
        await call('documents.setReportDetails', {
          documentId: doc.id,
          details: {
            authorProfession: profession.trim() || null,
            authorQualifications: qualifications.trim() || null,
            assessmentDate: assessedRead.iso,
            planSections,
          },
        });
      }
      props.onSaved(saved);
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  }

  return (
    <form className="panel" onSubmit={save} aria-label={`Details of ${doc.title}`} noValidate>
      <ErrorSummary problems={checked ? problems : []} />
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      <TextField
        id={`${idBase}-title`}
        label="Title"
        hint="This is how it appears in the bundle’s index."
        error={shown(`${idBase}-title`)}
        warning={unprintableWarning(title)}
        value={title}
        onChange={setTitle}
      />
      <DateInput
        id={`${idBase}-date`}
        label="Date of the document"
        error={shown(`${idBase}-date`)}
        errorParts={!dateRead.ok ? dateRead.parts : undefined}
        value={date}
        onChange={setDate}
      />
      <TextField
        id={`${idBase}-author`}
        label="Who wrote it?"
        hint="A person or an organisation."
        error={shown(`${idBase}-author`)}
        value={author}
        onChange={setAuthor}
      />
      <Select
        label="Part of the bundle"
        value={section}
        options={props.sections.map((s) => ({ value: s.letter, label: `Section ${s.letter}: ${s.title}` }))}
        onChange={setSection}
      />
      <Select
        label="Kind of document"
        value={kind}
        options={documentKindOptions(props.proceeding, doc.kind)}
        onChange={setKind}
      />
      {doc.pageCount > 1 ? (
        <TextField
          id={`${idBase}-pages`}
          label="Pages to put in the bundle"
          hint={`Leave this empty to put in all ${doc.pageCount} pages. To put in only the pages that matter, give their numbers in the document, such as 3-10, 15. The index will say it is an extract.`}
          width="medium"
          error={shown(`${idBase}-pages`)}
          value={pages}
          onChange={setPages}
        />
      ) : null}
      <Checkbox
        label="This is late evidence"
        hint="Sent after the tribunal’s deadline for evidence. It needs the tribunal’s permission (form SEND7)."
        checked={late}
        onChange={setLate}
      />
      {isReport ? (
        <fieldset className="field">
          <legend className="label">About the report</legend>
          <TextField
            label="The author’s profession"
            hint="For example educational psychologist, or speech and language therapist."
            value={profession}
            onChange={setProfession}
          />
          <TextField label="Their qualifications" value={qualifications} onChange={setQualifications} />
          <DateInput
            id={`${idBase}-assessed`}
            label="When they assessed the child or young person"
            error={shown(`${idBase}-assessed`)}
            errorParts={!assessedRead.ok ? assessedRead.parts : undefined}
            value={assessed}
            onChange={setAssessed}
          />
          <Checkboxes
            label="Which sections of the EHC plan (Education, Health and Care plan) does it talk about?"
            choices={EHC_PLAN_SECTIONS.map((s) => ({ value: s, label: PLAN_SECTION_NAMES[s] }))}
            values={planSections}
            onChange={setPlanSections}
            inline
          />
        </fieldset>
      ) : null}
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          Save details
        </button>
        <button type="button" className="button button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
