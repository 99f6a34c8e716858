/**
 * Guided set-up, one question per screen (the Assembly Line pattern): sections shown as progress, help
 * beside each question, soft warnings, and a review screen with an Edit button for each group.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { AppState } from '../../appState';
import { call, errorMessage } from '../../api';
import { formatDate } from '../../copy';
import { TextField } from '../../components/Form';
import { ErrorNotice, Help, Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { caseHref, hrefFor, navigate } from '../../router';
import { extendedAllowed } from '../../../shared/rules/extendedAppeals';
import {
  EMPTY_DRAFT,
  SECTIONS,
  draftFromCase,
  draftToFields,
  questionsFor,
  registrationDeadline,
  suggestedTitle,
  partiesFromDraft,
  type Draft,
  type SectionId,
} from './interview';

const REVIEW = 'review';

function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function SetupScreen(props: { app: AppState; caseId: number | null; step: string | undefined }) {
  const role = props.app.role ?? 'parent';
  const [draft, setDraft] = useState<Draft | null>(props.caseId === null ? EMPTY_DRAFT : null);
  const [current, setCurrent] = useState<string>(
    props.step ?? (props.caseId === null ? 'appeal-type' : REVIEW),
  );
  const [returnToReview, setReturnToReview] = useState(props.step !== undefined && props.caseId !== null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const today = useMemo(() => localToday(), []);

  useEffect(() => {
    if (props.caseId === null) return;
    let live = true;
    Promise.all([
      call('cases.get', { caseId: props.caseId }),
      call('parties.list', { caseId: props.caseId }),
    ]).then(
      ([c, parties]) => live && setDraft(draftFromCase(c, parties)),
      (e: unknown) => live && setError(errorMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [props.caseId]);

  if (!draft) {
    return (
      <Page title="Case details">
        {error ? <ErrorNotice>{error}</ErrorNotice> : <p role="status">Loading…</p>}
      </Page>
    );
  }

  const questions = questionsFor(draft, role);
  const index = questions.findIndex((q) => q.id === current);
  const question = index >= 0 ? questions[index] : null;
  const sections = SECTIONS.filter((s) => questions.some((q) => q.section === s.id));
  const currentSection: SectionId | typeof REVIEW = question ? question.section : REVIEW;
  const sectionIndex = sections.findIndex((s) => s.id === currentSection);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  function go(id: string) {
    setError(null);
    setCurrent(id);
    window.scrollTo(0, 0);
  }

  function next(event: FormEvent) {
    event.preventDefault();
    if (returnToReview || index === questions.length - 1) {
      // Stay inside the edited group until its last question, then go back to the review.
      const following = questions[index + 1];
      if (returnToReview && following && question && following.section === question.section) go(following.id);
      else go(REVIEW);
    } else go(questions[index + 1].id);
  }

  function back() {
    if (index > 0) go(questions[index - 1].id);
    else if (index === 0)
      navigate(props.caseId === null ? hrefFor({ name: 'start' }) : caseHref(props.caseId));
    else go(questions[questions.length - 1].id);
  }

  function edit(section: SectionId) {
    const first = questions.find((q) => q.section === section);
    if (!first) return;
    setReturnToReview(true);
    go(first.id);
  }

  async function save() {
    if (!draft) return;
    setSaving(true);
    setError(null);
    try {
      const fields = draftToFields(draft, role);
      const saved =
        props.caseId === null
          ? await call('cases.create', fields)
          : await call('cases.update', { caseId: props.caseId, fields });
      const existing = await call('parties.list', { caseId: saved.id });
      for (const party of partiesFromDraft(draft, role)) {
        const same = existing.find((p) => p.kind === party.kind);
        // Keep what other screens added to the record (address, email): change only what was asked here.
        const fields = same
          ? {
              organisation: same.organisation,
              roleTitle: same.roleTitle,
              email: same.email,
              phone: same.phone,
              address: same.address,
              ...party,
            }
          : party;
        await call('parties.save', { caseId: saved.id, partyId: same?.id, fields });
      }
      navigate(caseHref(saved.id));
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  }

  const progress = (
    <ol className="steps" aria-label="Sections of the set-up">
      {sections.map((s, i) => (
        <li
          key={s.id}
          aria-current={s.id === currentSection ? 'step' : undefined}
          className={sectionIndex > i || currentSection === REVIEW ? 'done' : undefined}
        >
          {s.title}
          {sectionIndex > i || currentSection === REVIEW ? (
            <span className="visually-hidden"> (done)</span>
          ) : null}
        </li>
      ))}
      <li aria-current={currentSection === REVIEW ? 'step' : undefined}>Check your answers</li>
    </ol>
  );

  if (!question) {
    const deadline = draft.registeredDate ? null : registrationDeadline(draft);
    return (
      <Page
        key={REVIEW}
        title="Check your answers"
        caption={props.caseId === null ? 'Set up a new case' : 'Case details'}
      >
        {progress}
        <p>Check what you told us. Choose Edit to change a group of answers.</p>
        {error ? <ErrorNotice>{error}</ErrorNotice> : null}
        {deadline ? (
          <div className="panel" data-testid="registration-deadline">
            <h2>Last day to register the appeal: {formatDate(deadline.due, { weekday: true })}</h2>
            <ul>
              {deadline.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ul>
            <p className="muted">
              Worked out from the dates you gave. If the tribunal has already registered the appeal, this no
              longer matters.
            </p>
          </div>
        ) : null}
        {sections.map((s) => (
          <section className="summary-group" key={s.id} aria-labelledby={`review-${s.id}`}>
            <div className="summary-group-header">
              <h2 id={`review-${s.id}`}>{s.title}</h2>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => edit(s.id)}
              >
                Edit<span className="visually-hidden"> {s.title.toLowerCase()}</span>
              </button>
            </div>
            <dl className="summary-list">
              {questions
                .filter((q) => q.section === s.id)
                .flatMap((q) => q.review(draft, role))
                .map((row) => (
                  <div className="summary-row" key={row.label}>
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
            </dl>
            {questions
              .filter((q) => q.section === s.id && q.warning)
              .map((q) => q.warning?.(draft, today))
              .filter((w): w is string => Boolean(w))
              .map((w) => (
                <Warning key={w}>{w}</Warning>
              ))}
          </section>
        ))}
        {!extendedAllowed(draft.appealType) && draft.appealType ? (
          <p className="muted">
            Health and social care: an extended appeal is not possible for this type of appeal, so there are
            no questions about it.
          </p>
        ) : null}
        <TextField
          label="A name for this case"
          hint="Only you see this name. It helps you find the case in your list."
          value={draft.title || suggestedTitle(draft)}
          onChange={(title) => set({ title })}
        />
        <div className="actions">
          <button type="button" className="button" onClick={save} disabled={saving}>
            {props.caseId === null ? 'Save and continue' : 'Save changes'}
          </button>
          <button type="button" className="button button-secondary" onClick={back}>
            Back
          </button>
        </div>
      </Page>
    );
  }

  const sectionTitle = SECTIONS.find((s) => s.id === question.section)?.title ?? '';
  const warning = question.warning?.(draft, today) ?? null;
  return (
    <Page
      key={question.id}
      title={sectionTitle}
      caption={`${props.caseId === null ? 'Set up a new case' : 'Case details'} – question ${index + 1} of ${questions.length}`}
    >
      {progress}
      <div className="question-layout">
        <form className="question-main" onSubmit={next} noValidate>
          {error ? <ErrorNotice>{error}</ErrorNotice> : null}
          {question.render({ draft, set, role, warning })}
          <div className="actions">
            <button type="submit" className="button">
              Continue
            </button>
            <button type="button" className="button button-secondary" onClick={back}>
              Back
            </button>
          </div>
        </form>
        <Help title="Help with this question">{question.help(role)}</Help>
      </div>
    </Page>
  );
}
