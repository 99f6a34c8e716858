/** Editing one document's details, and for reports, the author's profession and the EHC plan sections. */
import { useEffect, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api';
import { DOCUMENT_KIND_LABELS } from '../../copy';
import { Checkbox, Checkboxes, Select, TextField } from '../../components/Form';
import { ErrorNotice } from '../../components/Notice';
import {
  DOCUMENT_KINDS,
  EHC_PLAN_SECTIONS,
  type DocumentKind,
  type DocumentRecord,
} from '../../../shared/domain/types';
import type { SectionView } from './sections';

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
  onSaved: (doc: DocumentRecord) => void;
  onCancel: () => void;
}) {
  const { doc } = props;
  const [title, setTitle] = useState(doc.title);
  const [date, setDate] = useState(doc.documentDate ?? '');
  const [author, setAuthor] = useState(doc.author ?? '');
  const [section, setSection] = useState(doc.section);
  const [kind, setKind] = useState<DocumentKind>(doc.kind);
  const [late, setLate] = useState(doc.late);
  const [profession, setProfession] = useState('');
  const [qualifications, setQualifications] = useState('');
  const [assessed, setAssessed] = useState('');
  const [planSections, setPlanSections] = useState<PlanSection[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isReport = REPORT_KINDS.includes(kind);

  useEffect(() => {
    let live = true;
    call('documents.getReportDetails', { documentId: doc.id }).then(
      (details) => {
        if (!live || !details) return;
        setProfession(details.authorProfession ?? '');
        setQualifications(details.authorQualifications ?? '');
        setAssessed(details.assessmentDate ?? '');
        setPlanSections(details.planSections as PlanSection[]);
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [doc.id]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await call('documents.update', {
        documentId: doc.id,
        details: {
          title: title.trim() || doc.title,
          documentDate: date || null,
          author: author.trim() || null,
          section,
          kind,
          late,
        },
      });
      if (isReport) {
        await call('documents.setReportDetails', {
          documentId: doc.id,
          details: {
            authorProfession: profession.trim() || null,
            authorQualifications: qualifications.trim() || null,
            assessmentDate: assessed || null,
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
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      <TextField
        label="Title"
        hint="This is how it appears in the bundle’s index."
        value={title}
        onChange={setTitle}
      />
      <TextField type="date" label="Date of the document" value={date} onChange={setDate} />
      <TextField
        label="Who wrote it?"
        hint="A person or an organisation."
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
        options={DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] }))}
        onChange={setKind}
      />
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
          <TextField
            type="date"
            label="When they assessed the child or young person"
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
