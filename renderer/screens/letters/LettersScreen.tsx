/**
 * Letters: pick a template, answer its questions (prefilled from the case, so a fact entered once is
 * reused), make the letter, preview it, and save it as Word (DOCX) and PDF.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, call, errorMessage, fileUrl } from '../../api';
import { CASE_COPY, formatDate } from '../../copy';
import { Radios } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success } from '../../components/Notice';
import { Page } from '../../components/Page';
import { PdfPreview } from '../../components/PdfPreview';
import { useLoad } from '../../hooks/useLoad';
import { isoDateInLondon } from '../../../shared/dates';
import type { LetterRecord, LetterTemplateInfo } from '../../../shared/domain/types';
import { proceedingOf } from '../../../shared/rules/proceedings';
import { caseStage, lettersFor } from '../../../shared/roles';
import type { CaseScreenProps } from '../../appState';
import { FieldEditor, toEditorValue, type EditorValue } from './LetterFields';

interface Draft {
  template: LetterTemplateInfo;
  values: Record<string, EditorValue>;
  prefilled: Set<string>;
}

/** Top-level field names from the service's missing-fact paths ("recommendations[1].steps"). */
function missingNames(error: unknown): Set<string> {
  if (!(error instanceof ApiError)) return new Set();
  const details = error.details as { missing?: { field: string }[] } | undefined;
  return new Set((details?.missing ?? []).map((m) => m.field.split(/[[.]/)[0]));
}

export function LettersScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const role = props.app.role ?? c.role;
  const templates = useLoad(() => call('letters.templates', { caseId: c.id }), [c.id]);
  const letters = useLoad(() => call('letters.list', { caseId: c.id }), [c.id]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const [made, setMade] = useState<LetterRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const announce = useAnnounce();

  const all = templates.data ?? [];
  const ordered = lettersFor(role, caseStage(c, isoDateInLondon(new Date())), all);

  async function start(event: FormEvent) {
    event.preventDefault();
    const template = all.find((t) => t.id === chosen);
    if (!template) {
      setError('Choose a letter first.');
      return;
    }
    setError(null);
    setMade(null);
    setMissing(new Set());
    try {
      const prefill = await call('letters.prefill', { caseId: c.id, template: template.id });
      setDraft({
        template,
        values: Object.fromEntries(
          template.fields.map((f) => [f.name, toEditorValue(f, prefill.fields[f.name])]),
        ),
        prefilled: new Set(Object.keys(prefill.fields)),
      });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function make(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setError(null);
    setMissing(new Set());
    try {
      const record = await call('letters.render', {
        caseId: c.id,
        template: draft.template.id,
        fields: draft.values,
        formats: ['docx', 'pdf'],
      });
      setMade(record);
      announce(`${draft.template.label} is ready.`);
      letters.reload();
    } catch (e) {
      setError(errorMessage(e));
      setMissing(missingNames(e));
    } finally {
      setBusy(false);
    }
  }

  const labelOf = (id: string) => all.find((t) => t.id === id)?.label ?? id;

  return (
    <Page title="Letters">
      <p>{CASE_COPY[proceedingOf(c.appealType)].lettersIntro}</p>
      {templates.error ? <ErrorNotice>{templates.error}</ErrorNotice> : null}
      {!draft ? (
        <form onSubmit={start} className="panel" noValidate>
          {error ? <ErrorNotice>{error}</ErrorNotice> : null}
          <Radios
            name="template"
            label="Which letter do you want to write?"
            choices={ordered.map((t) => ({ value: t.id, label: t.label, hint: t.description }))}
            value={chosen}
            onChange={setChosen}
          />
          <button type="submit" className="button">
            Continue
          </button>
        </form>
      ) : (
        <form onSubmit={make} noValidate aria-labelledby="letter-heading">
          <h2 id="letter-heading">{draft.template.label}</h2>
          <p>{draft.template.description}</p>
          {error ? <ErrorNotice title="The letter cannot be made yet">{error}</ErrorNotice> : null}
          {draft.template.fields.map((f) => (
            <FieldEditor
              key={f.name}
              def={f}
              value={draft.values[f.name]}
              prefilled={draft.prefilled.has(f.name)}
              missing={missing.has(f.name)}
              onChange={(v) => setDraft({ ...draft, values: { ...draft.values, [f.name]: v } })}
            />
          ))}
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              Make the letter
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setDraft(null);
                setMade(null);
                setError(null);
              }}
            >
              Choose a different letter
            </button>
          </div>
        </form>
      )}
      {made ? <MadeLetter record={made} label={labelOf(made.template)} /> : null}

      {letters.data && letters.data.length > 0 ? (
        <section aria-labelledby="saved-letters">
          <h2 id="saved-letters">Letters made for this case</h2>
          <ul data-testid="letters-list">
            {letters.data.map((l) => (
              <li key={l.id}>
                {labelOf(l.template)}, made {formatDate(l.createdAt.slice(0, 10))}:{' '}
                {l.files.map((f, i) => (
                  <span key={f.format}>
                    {i > 0 ? ', ' : ''}
                    <a
                      href={fileUrl({ kind: 'letter', id: l.id, format: f.format }, { download: true })}
                      download
                    >
                      save {f.format.toUpperCase()}
                      <span className="visually-hidden"> of {labelOf(l.template)}</span>
                    </a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

function MadeLetter(props: { record: LetterRecord; label: string }) {
  const { record } = props;
  const has = (format: 'pdf' | 'docx') => record.files.some((f) => f.format === format);
  return (
    <section data-testid="letter-result" aria-labelledby="made-heading">
      <Success>
        <h2 id="made-heading" className="notice-title">
          Your letter is ready
        </h2>
        <p>Check it below. Save the Word file if you want to change anything, or the PDF to send it.</p>
      </Success>
      <div className="actions">
        {has('docx') ? (
          <a
            className="button"
            href={fileUrl({ kind: 'letter', id: record.id, format: 'docx' }, { download: true })}
            download
          >
            Save as Word (DOCX)
          </a>
        ) : null}
        {has('pdf') ? (
          <a
            className="button button-secondary"
            href={fileUrl({ kind: 'letter', id: record.id, format: 'pdf' }, { download: true })}
            download
          >
            Save as PDF
          </a>
        ) : null}
      </div>
      {has('pdf') ? (
        <PdfPreview url={fileUrl({ kind: 'letter', id: record.id, format: 'pdf' })} title={props.label} />
      ) : null}
    </section>
  );
}
