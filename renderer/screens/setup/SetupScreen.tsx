/**
 * Guided set-up, one question per screen (the Assembly Line pattern): sections shown as progress, help
 * beside each question, soft warnings, required answers checked with an error summary, and a review screen
 * with an Edit button for each group. Each question has its own address, so the browser's Back and Forward
 * move through them, and the answers are a draft saved as they are typed (refresh, a second tab or closing
 * the app loses nothing) until the case is saved.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { call } from '../../api';
import type { AppState } from '../../appState';
import { CLAIM_SETUP_COPY, formatDate } from '../../copy';
import { ErrorSummary, type FieldProblem } from '../../components/ErrorSummary';
import { TextField } from '../../components/Form';
import { Errors, Help, Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useAction } from '../../hooks/useAction';
import { useDraft } from '../../hooks/useDraft';
import { caseHref, hrefFor, navigate } from '../../router';
import { draftKey } from '../../../shared/api/drafts';
import { isoDateInLondon } from '../../../shared/dates';
import type { Case, UserRole } from '../../../shared/domain/case';
import { extendedAllowed, extendedRefusal } from '../../../shared/rules/extendedAppeals';
import {
  SECTIONS,
  claimDeadline,
  draftFromCase,
  draftProblems,
  draftToFields,
  emptyDraftFor,
  normaliseDraft,
  partiesFromDraft,
  questionsFor,
  registrationDeadline,
  sectionTitle,
  suggestedTitle,
  type Draft,
  type SectionId,
} from './interview';

const REVIEW = 'review';

export function SetupScreen(props: {
  app: AppState;
  caseId: number | null;
  /** The case being changed (its role decides the questions), or none for a new case. */
  caseData?: Case;
  step: string | undefined;
}) {
  const { caseId } = props;
  const role: UserRole = props.caseData?.role ?? props.app.role ?? 'parent';
  const draft = useDraft<Draft>(
    draftKey(caseId, 'setup'),
    async () => {
      if (caseId === null) return emptyDraftFor(role);
      const [c, parties] = await Promise.all([
        call('cases.get', { caseId }),
        call('parties.list', { caseId }),
      ]);
      return draftFromCase(c, parties);
    },
    (stored) => normaliseDraft(stored, role),
  );
  const [problems, setProblems] = useState<{ step: string; list: FieldProblem[] }>({ step: '', list: [] });
  const [returnToReview, setReturnToReview] = useState(props.step !== undefined && caseId !== null);
  const saving = useAction();
  const today = useMemo(() => isoDateInLondon(new Date()), []);

  const answers = draft.value;
  if (!answers) {
    return (
      <Page title="Case details">
        <Errors errors={[draft.error]} />
        {draft.error ? null : <p role="status">Loading…</p>}
      </Page>
    );
  }

  const questions = questionsFor(answers, role);
  const current = props.step ?? (caseId === null ? questions[0].id : REVIEW);
  const index = questions.findIndex((q) => q.id === current);
  const question = index >= 0 ? questions[index] : null;
  const sections = SECTIONS.filter((s) => questions.some((q) => q.section === s.id));
  const currentSection: SectionId | typeof REVIEW = question ? question.section : REVIEW;
  const sectionIndex = sections.findIndex((s) => s.id === currentSection);
  const shownProblems = problems.step === current ? problems.list : [];
  const set = (patch: Partial<Draft>) => draft.set({ ...answers, ...patch });
  const stepHref = (id: string) =>
    caseId === null ? hrefFor({ name: 'new', step: id }) : caseHref(caseId, 'setup', id);
  const caption = caseId === null ? 'Set up a new case' : 'Case details';

  function go(id: string) {
    void draft.flush();
    navigate(stepHref(id));
  }

  function next(event: FormEvent) {
    event.preventDefault();
    if (!answers || !question) return;
    const found = question.check?.(answers, role) ?? [];
    setProblems({ step: current, list: found });
    if (found.length > 0) return;
    const following = questions[index + 1];
    if (returnToReview) {
      // Stay inside the edited group until its last question, then go back to the review.
      if (following && following.section === question.section) go(following.id);
      else go(REVIEW);
    } else go(following ? following.id : REVIEW);
  }

  function back() {
    if (index > 0) go(questions[index - 1].id);
    else if (index === 0) navigate(caseId === null ? hrefFor({ name: 'start' }) : caseHref(caseId));
    else go(questions[questions.length - 1].id);
  }

  function edit(section: SectionId) {
    const first = questions.find((q) => q.section === section);
    if (!first) return;
    setReturnToReview(true);
    go(first.id);
  }

  async function startAgain() {
    await draft.discard();
    if (caseId === null) {
      draft.replace(emptyDraftFor(role));
      navigate(stepHref(questionsFor(emptyDraftFor(role), role)[0].id));
    } else {
      const [c, parties] = await Promise.all([
        call('cases.get', { caseId }),
        call('parties.list', { caseId }),
      ]);
      draft.replace(draftFromCase(c, parties));
    }
  }

  async function save() {
    if (!answers) return;
    const missing = draftProblems(answers, role);
    setProblems({
      step: current,
      list: missing.map(({ question: q, problem }) => ({ ...problem, href: stepHref(q.id) })),
    });
    if (missing.length > 0) return;
    const saved = await saving.run(async () => {
      const fields = draftToFields(answers, role);
      const result =
        caseId === null ? await call('cases.create', fields) : await call('cases.update', { caseId, fields });
      const existing = await call('parties.list', { caseId: result.id });
      for (const party of partiesFromDraft(answers, role)) {
        const same = existing.find((p) => p.kind === party.kind);
        // Keep what other screens added to the record (address, email): change only what was asked here.
        const partyFields = same
          ? {
              organisation: same.organisation,
              roleTitle: same.roleTitle,
              email: same.email,
              phone: same.phone,
              address: same.address,
              ...party,
            }
          : party;
        await call('parties.save', { caseId: result.id, partyId: same?.id, fields: partyFields });
      }
      await draft.discard();
      return result;
    });
    if (saved) navigate(caseHref(saved.id));
  }

  const progress = (
    <ol className="steps" aria-label="Sections of the set-up">
      {sections.map((s, i) => (
        <li
          key={s.id}
          aria-current={s.id === currentSection ? 'step' : undefined}
          className={sectionIndex > i || currentSection === REVIEW ? 'done' : undefined}
        >
          {sectionTitle(s.id, answers.appealType)}
          {sectionIndex > i || currentSection === REVIEW ? (
            <span className="visually-hidden"> (done)</span>
          ) : null}
        </li>
      ))}
      <li aria-current={currentSection === REVIEW ? 'step' : undefined}>Check your answers</li>
    </ol>
  );

  const keptNotice = draft.restored ? (
    <div className="notice notice-info" data-testid="draft-restored">
      <p>
        {caseId === null
          ? 'These are the answers you typed before. You can carry on from here.'
          : 'You have changes to the case details that are not saved yet.'}
      </p>
      <button type="button" className="button button-secondary button-small" onClick={startAgain}>
        {caseId === null ? 'Clear the answers and start again' : 'Discard the changes'}
      </button>
    </div>
  ) : null;

  if (!question) {
    const claim = claimDeadline(answers);
    const deadline = answers.registeredDate.year ? null : (claim ?? registrationDeadline(answers));
    return (
      <Page key={REVIEW} title="Check your answers" caption={caption}>
        {progress}
        <ErrorSummary problems={shownProblems} />
        <Errors errors={[saving.error, draft.state === 'failed' ? draft.error : null]} />
        {keptNotice}
        <p>Check what you told us. Choose Edit to change a group of answers.</p>
        {deadline ? (
          <div className="panel" data-testid="registration-deadline">
            <h2>
              {claim ? CLAIM_SETUP_COPY.deadlineHeading : 'Last day to register the appeal'}:{' '}
              {formatDate(deadline.due, { weekday: true })}
            </h2>
            <ul>
              {deadline.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ul>
            <p className="muted">
              {claim
                ? CLAIM_SETUP_COPY.deadlineNote
                : 'Worked out from the dates you gave. If the tribunal has already registered the appeal, this no longer matters.'}
            </p>
          </div>
        ) : null}
        {sections.map((s) => (
          <section className="summary-group" key={s.id} aria-labelledby={`review-${s.id}`}>
            <div className="summary-group-header">
              <h2 id={`review-${s.id}`}>{sectionTitle(s.id, answers.appealType)}</h2>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => edit(s.id)}
              >
                Edit
                <span className="visually-hidden">
                  {' '}
                  {sectionTitle(s.id, answers.appealType).toLowerCase()}
                </span>
              </button>
            </div>
            <dl className="summary-list">
              {questions
                .filter((q) => q.section === s.id)
                .flatMap((q) => q.review(answers, role))
                .map((row) => (
                  <div className="summary-row" key={row.label}>
                    <dt>{row.label}</dt>
                    <dd>{row.value}</dd>
                  </div>
                ))}
            </dl>
            {questions
              .filter((q) => q.section === s.id && q.warning)
              .map((q) => q.warning?.(answers, today))
              .filter((w): w is string => Boolean(w))
              .map((w) => (
                <Warning key={w}>{w}</Warning>
              ))}
          </section>
        ))}
        {!extendedAllowed(answers.appealType) && answers.appealType ? (
          answers.extendedAreas.length > 0 ? (
            <Warning>
              {extendedRefusal(answers.appealType)} Your earlier answer about health and social care will not
              be saved.
            </Warning>
          ) : answers.appealType === 'disability-discrimination' ? null : (
            // A claim has nothing to do with health and social care: it is not mentioned.
            <p className="muted">
              Health and social care: an extended appeal is not possible for this type of appeal, so there are
              no questions about it.
            </p>
          )
        ) : null}
        <TextField
          label="A name for this case"
          hint="Only you see this name. It helps you find the case in your list."
          value={answers.title || suggestedTitle(answers)}
          onChange={(title) => set({ title })}
        />
        <div className="actions">
          <button type="button" className="button" onClick={save} disabled={saving.busy}>
            {caseId === null ? 'Save and continue' : 'Save changes'}
          </button>
          <button type="button" className="button button-secondary" onClick={back}>
            Back
          </button>
        </div>
      </Page>
    );
  }

  const questionSection = sectionTitle(question.section, answers.appealType);
  const warning = question.warning?.(answers, today) ?? null;
  const error = (fieldId: string) => shownProblems.find((p) => p.fieldId === fieldId)?.message;
  return (
    <Page
      key={question.id}
      title={questionSection}
      caption={`${caption} – question ${index + 1} of ${questions.length}`}
    >
      {progress}
      <div className="question-layout">
        <form className="question-main" onSubmit={next} noValidate data-draft={draft.state}>
          <ErrorSummary problems={shownProblems} />
          <Errors errors={[draft.state === 'failed' ? draft.error : null]} />
          {index === 0 ? keptNotice : null}
          {question.render({ draft: answers, set, role, warning, error })}
          <div className="actions">
            <button type="submit" className="button">
              Continue
            </button>
            <button type="button" className="button button-secondary" onClick={back}>
              Back
            </button>
          </div>
        </form>
        <Help title="Help with this question">{question.help(role, answers)}</Help>
      </div>
    </Page>
  );
}
