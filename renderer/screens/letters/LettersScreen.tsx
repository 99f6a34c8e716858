/**
 * Letters: choose one of the letters this person writes, answer its questions on short guided pages
 * (prefilled from the case, so a fact entered once is reused; questions that do not apply are not asked),
 * check the answers, and make the letter as Word (DOCX) and PDF. Answers are a draft until the letter is
 * made, so Back, a refresh or closing the app loses nothing; each page has its own address.
 */
import { useState, type FormEvent } from 'react';
import { call, fileUrl } from '../../api';
import type { CaseScreenProps } from '../../appState';
import { CASE_COPY, formatDate } from '../../copy';
import { ErrorSummary, type FieldProblem } from '../../components/ErrorSummary';
import { Radios } from '../../components/Form';
import { ErrorNotice, Errors, Success, Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { PdfPreview } from '../../components/PdfPreview';
import { useAction } from '../../hooks/useAction';
import { useCaseList } from '../../hooks/useCaseList';
import { useDraft } from '../../hooks/useDraft';
import { useLoad } from '../../hooks/useLoad';
import { caseHref, navigate } from '../../router';
import { draftKey } from '../../../shared/api/drafts';
import { isoDateInLondon } from '../../../shared/dates';
import type { Case } from '../../../shared/domain/case';
import type { LetterRecord, LetterTemplateInfo } from '../../../shared/domain/letters';
import { answerNotes, fieldApplies, letterPages, pageOfField } from '../../../shared/letters/guide';
import { proceedingOf } from '../../../shared/rules/proceedings';
import { caseStage, lettersFor } from '../../../shared/roles';
import {
  FieldEditor,
  answerProblems,
  answerText,
  toEditorRecord,
  toFacts,
  type EditorRecord,
} from './LetterFields';

const CHECK = 'check';

export function LettersScreen(props: CaseScreenProps & { step?: string }) {
  const c = props.caseData;
  const role = props.app.role ?? c.role;
  const [templateId, pageId] = (props.step ?? '').split('/');
  const templates = useLoad(() => call('letters.templates', { caseId: c.id }), [c.id]);
  const recommendations = useCaseList('recommendations.list', c.id);
  const letters = useCaseList('letters.list', c.id);
  const all = templates.data ?? [];
  const stage = caseStage(c, isoDateInLondon(new Date()), {
    recommendations: recommendations.data?.length ?? 0,
  });
  const mine = lettersFor(role, stage, all);
  const labelOf = (id: string) => all.find((t) => t.id === id)?.label ?? id;

  if (templateId) {
    const template = all.find((t) => t.id === templateId);
    if (!template) {
      return (
        <Page title="Letters">
          <Errors errors={[templates.error]} />
          {templates.data ? (
            <p>
              There is no such letter. <a href={caseHref(c.id, 'letters')}>Choose a letter</a>.
            </p>
          ) : (
            <p role="status">Loading…</p>
          )}
        </Page>
      );
    }
    return (
      <LetterWizard
        key={template.id}
        caseData={c}
        template={template}
        pageId={pageId}
        onMade={() => letters.reload()}
      />
    );
  }

  return (
    <Page title="Letters">
      <p>{CASE_COPY[proceedingOf(c.appealType)].lettersIntro}</p>
      <p>You answer a few questions at a time, and check your answers before the letter is made.</p>
      <Errors errors={[templates.error, letters.error]} />
      {templates.data && mine.length === 0 ? (
        <p>There are no letters for you to write in this case.</p>
      ) : null}
      {mine.length > 0 ? <LetterChooser caseId={c.id} letters={mine} /> : null}
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

function LetterChooser(props: { caseId: number; letters: LetterTemplateInfo[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  function start(event: FormEvent) {
    event.preventDefault();
    if (!chosen) {
      setProblems([{ fieldId: 'letter-choice', message: 'Choose the letter you want to write' }]);
      return;
    }
    navigate(caseHref(props.caseId, 'letters', `${chosen}/page-1`));
  }
  return (
    <form onSubmit={start} className="panel" noValidate>
      <ErrorSummary problems={problems} />
      <Radios
        id="letter-choice"
        name="template"
        label="Which letter do you want to write?"
        error={problems[0]?.message}
        choices={props.letters.map((t) => ({ value: t.id, label: t.label, hint: t.description }))}
        value={chosen}
        onChange={(v) => {
          setChosen(v);
          setProblems([]);
        }}
      />
      <button type="submit" className="button">
        Continue
      </button>
    </form>
  );
}

/** The top-level fact a problem's input belongs to (`letter-recommendations-1-steps` → recommendations). */
function topField(fieldId: string): string {
  return fieldId.replace(/^letter-/, '').split('-')[0];
}

function LetterWizard(props: {
  caseData: Case;
  template: LetterTemplateInfo;
  pageId: string | undefined;
  onMade: () => void;
}) {
  const { template, caseData: c } = props;
  const pages = letterPages(template);
  const prefill = useLoad(
    () => call('letters.prefill', { caseId: c.id, template: template.id }),
    [c.id, template.id],
  );
  const draft = useDraft<EditorRecord>(
    draftKey(c.id, 'letter', template.id),
    async () => {
      const found = await call('letters.prefill', { caseId: c.id, template: template.id });
      return toEditorRecord(template.fields, found.fields);
    },
    (stored) => toEditorRecord(template.fields, stored as Record<string, unknown>),
  );
  const [problems, setProblems] = useState<{ at: string; list: FieldProblem[] }>({ at: '', list: [] });
  const [made, setMade] = useState<LetterRecord | null>(null);
  const making = useAction();
  const values = draft.value;
  const at = props.pageId ?? pages[0]?.id ?? CHECK;
  const shown = problems.at === at ? problems.list : [];
  const error = (fieldId: string) => shown.find((p) => p.fieldId === fieldId)?.message;
  const href = (page: string) => caseHref(c.id, 'letters', `${template.id}/${page}`);
  const prefilled = new Set(Object.keys(prefill.data?.fields ?? {}));

  if (!values) {
    return (
      <Page title={template.label}>
        <Errors errors={[draft.error]} />
        {draft.error ? null : <p role="status">Loading…</p>}
      </Page>
    );
  }

  const index = pages.findIndex((p) => p.id === at);
  const page = index >= 0 ? pages[index] : null;

  if (page) {
    const next = (event: FormEvent) => {
      event.preventDefault();
      const onPage = template.fields.filter((f) => page.fields.includes(f));
      const found = answerProblems(onPage, values);
      setProblems({ at, list: found });
      if (found.length > 0) return;
      void draft.flush();
      navigate(href(pages[index + 1]?.id ?? CHECK));
    };
    const back = () => {
      void draft.flush();
      navigate(index > 0 ? href(pages[index - 1].id) : caseHref(c.id, 'letters'));
    };
    return (
      <Page
        key={at}
        title={template.label}
        caption={`Letters – questions, page ${index + 1} of ${pages.length}`}
      >
        <form onSubmit={next} noValidate data-draft={draft.state} className="question-main">
          <ErrorSummary problems={shown} />
          {index === 0 ? <p>{template.description}</p> : null}
          {page.fields
            .filter((f) => fieldApplies(f, values))
            .map((f) => (
              <FieldEditor
                key={f.name}
                def={f}
                path={[f.name]}
                value={values[f.name]}
                prefilled={prefilled.has(f.name)}
                error={error}
                onChange={(v) => draft.set({ ...values, [f.name]: v })}
              />
            ))}
          <div className="actions">
            <button type="submit" className="button">
              Continue
            </button>
            <button type="button" className="button button-secondary" onClick={back}>
              Back
            </button>
          </div>
        </form>
      </Page>
    );
  }

  async function make() {
    if (!values) return;
    const found = answerProblems(template.fields, values).map((p) => ({
      ...p,
      href: href(pageOfField(pages, topField(p.fieldId))?.id ?? pages[0].id),
    }));
    setProblems({ at: CHECK, list: found });
    if (found.length > 0) return;
    const record = await making.run(
      () =>
        call('letters.render', {
          caseId: c.id,
          template: template.id,
          fields: toFacts(template.fields, values),
          formats: ['docx', 'pdf'],
        }),
      { announce: `${template.label} is ready.` },
    );
    if (!record) return;
    setMade(record);
    await draft.discard();
    props.onMade();
  }

  return (
    <Page key={CHECK} title="Check your answers" caption={template.label}>
      <ErrorSummary problems={shown} />
      {making.error ? <ErrorNotice title="The letter cannot be made yet">{making.error}</ErrorNotice> : null}
      {made ? null : (
        <>
          <p>Check the facts the letter will use. Choose Change to go back to a question.</p>
          {answerNotes(template.fields, toFacts(template.fields, values)).map((note) => (
            <Warning key={note}>{note}</Warning>
          ))}
          {pages.map((p, i) => {
            const asked = p.fields.filter((f) => fieldApplies(f, values));
            if (asked.length === 0) return null;
            return (
              <section className="summary-group" key={p.id} aria-labelledby={`answers-${p.id}`}>
                <div className="summary-group-header">
                  <h2 id={`answers-${p.id}`}>
                    {asked.length === 1 ? asked[0].label : `Page ${i + 1} of the questions`}
                  </h2>
                  <a href={href(p.id)}>
                    Change<span className="visually-hidden"> the answers on page {i + 1}</span>
                  </a>
                </div>
                <dl className="summary-list">
                  {asked.map((f) => (
                    <div className="summary-row" key={f.name}>
                      <dt>{f.label}</dt>
                      <dd className="pre-wrap">{answerText(f, values[f.name])}</dd>
                    </div>
                  ))}
                </dl>
              </section>
            );
          })}
          <div className="actions">
            <button type="button" className="button" onClick={make} disabled={making.busy}>
              Make the letter
            </button>
            <a className="button button-secondary" href={href(pages[pages.length - 1]?.id ?? 'page-1')}>
              Back
            </a>
          </div>
        </>
      )}
      {made ? (
        <>
          <MadeLetter record={made} label={template.label} />
          <p>
            <a href={caseHref(c.id, 'letters')}>Back to your letters</a>
          </p>
        </>
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
      {[...record.notes, ...record.pdfNotes].map((note) => (
        <Warning key={note}>{note}</Warning>
      ))}
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
