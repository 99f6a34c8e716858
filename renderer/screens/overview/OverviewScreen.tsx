/**
 * The case at a glance, for the person using it: what is due next that is their job, the papers their step
 * needs, their page limits and their letters, at the case's stage (before registration, after it, after the
 * tribunal's decision). A commissioner sees the tribunal's recommendations and the 5-week reply first. The
 * screen only shows what the services and shared/roles.ts work out.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import type { CaseScreenProps } from '../../appState';
import {
  APPEAL_TYPE_COPY,
  CASE_COPY,
  roleCaption,
  TRIBUNAL_DATE_LABELS,
  formatDate,
  plural,
} from '../../copy';
import { DateInput } from '../../components/DateInput';
import { DeadlineTable, markDoneWith, whenText } from '../../components/Deadlines';
import { Select } from '../../components/Form';
import { Errors, Success } from '../../components/Notice';
import { PageMeters } from '../../components/PageMeters';
import { Page } from '../../components/Page';
import { useAction } from '../../hooks/useAction';
import { useCaseList } from '../../hooks/useCaseList';
import { useLoad } from '../../hooks/useLoad';
import { caseHref } from '../../router';
import { EMPTY_DATE_ENTRY, readDateEntry, type DateEntry } from '../../../shared/dates/entry';
import { orderKindsFor, TRIBUNAL_SET_KINDS, type TribunalSetKind } from '../../../shared/deadlines';
import type { Case, UserRole } from '../../../shared/domain/case';
import { proceedingOf } from '../../../shared/rules/proceedings';
import {
  APPEAL_PAPERS,
  caseStage,
  isCommissioner,
  lettersFor,
  metersFor,
  nextDeadlineFor,
  type CaseStage,
} from '../../../shared/roles';

const STAGE_LABELS: Record<CaseStage, string> = {
  'before-registration': 'Not registered by the tribunal yet',
  'after-registration': 'Registered: getting ready for the hearing',
  'after-decision': 'After the tribunal’s decision',
};

/** What this person does next, in a sentence, when no dated step says it better. */
function nextStepText(role: UserRole, stage: CaseStage, c: Case): string | null {
  const claim = c.appealType === 'disability-discrimination';
  if (role === 'parent' && stage === 'before-registration') {
    return claim
      ? 'Your next step: fill in the claim form and send it to the tribunal: SEND4A for a parent’s claim, ' +
          'SEND4B if the young person (over school leaving age) is claiming, or SEND26A or SEND26B if you ask ' +
          'for the child to be taken back after a permanent exclusion.'
      : 'Your next step: fill in the appeal form (SEND35) and send it to the tribunal with a copy of the ' +
          'decision letter and your mediation certificate (not needed if the appeal is only about the school).';
  }
  if (isCommissioner(role) && stage !== 'after-decision') {
    return 'Nothing is due from you until the tribunal makes a recommendation. When its decision comes, add each recommendation on the Recommendations tab: your written reply is due within 5 weeks.';
  }
  return null;
}

export function OverviewScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const role = props.app.role ?? c.role;
  const proceeding = proceedingOf(c.appealType);
  const SET_KIND_LABELS = TRIBUNAL_DATE_LABELS[proceeding];
  const deadlines = useLoad(() => call('deadlines.list', { caseId: c.id }), [c.id]);
  const plan = useLoad(() => call('bundle.plan', { caseId: c.id }), [c.id]);
  const templates = useLoad(() => call('letters.templates', { caseId: c.id }), [c.id]);
  const recommendations = useCaseList('recommendations.list', c.id);
  const orders = useCaseList('orders.list', c.id);
  const action = useAction();
  const [setKind, setSetKind] = useState<TribunalSetKind>('la-response');
  const [setDate, setSetDate] = useState<DateEntry>(EMPTY_DATE_ENTRY);
  const [dateError, setDateError] = useState<string | null>(null);

  const today = deadlines.data?.today ?? new Date().toISOString().slice(0, 10);
  const stage = caseStage(c, today, { recommendations: recommendations.data?.length ?? 0 });
  const next = nextDeadlineFor(role, deadlines.data);
  const commissioner = isCommissioner(role);
  const myArea = role === 'health-commissioner' ? 'health' : 'social-care';
  const myRecommendations = (recommendations.data ?? []).filter((r) => !commissioner || r.area === myArea);
  const stepText = nextStepText(role, stage, c);
  // After the hearing, the LA's next dates come from what the tribunal ordered: until it is recorded, say where.
  const recordDecision =
    stage === 'after-decision' &&
    !commissioner &&
    orderKindsFor(c.appealType).length > 0 &&
    orders.data?.length === 0;
  const letters = lettersFor(role, stage, templates.data ?? []);
  const beforeRegistration = role === 'parent' && stage === 'before-registration';
  const checklist = (plan.data?.checklist ?? []).filter(
    (item) => !beforeRegistration || (APPEAL_PAPERS as readonly string[]).includes(item.id),
  );
  const meters = metersFor(role, plan.data?.meters ?? []);
  const breaches = plan.data?.findings.filter((f) => f.severity === 'breach') ?? [];
  const replyDue = (recommendationId: number) =>
    deadlines.data?.deadlines.find(
      (d) => d.kind === 'commissioner-response' && d.recommendationId === recommendationId,
    );

  const markDone = markDoneWith(c.id, deadlines, action);

  async function saveTribunalDate(event: FormEvent) {
    event.preventDefault();
    const read = readDateEntry(setDate, { what: 'the date in the letter', required: true });
    if (!read.ok) {
      setDateError(read.message);
      return;
    }
    setDateError(null);
    const saved = await action.run(
      () => call('caseDates.set', { caseId: c.id, kind: setKind, dueDate: read.iso }),
      { announce: `Saved the date for ${SET_KIND_LABELS[setKind].toLowerCase()}.` },
    );
    if (saved) {
      setSetDate(EMPTY_DATE_ENTRY);
      deadlines.reload();
    }
  }

  const recommendationsCard = (
    <section
      className="panel"
      aria-labelledby="recommendations-heading"
      data-testid="overview-recommendations"
    >
      <h2 id="recommendations-heading">The tribunal’s recommendations and your replies</h2>
      {myRecommendations.length === 0 ? (
        <p>No recommendations yet.</p>
      ) : (
        <ul className="checklist">
          {myRecommendations.map((r) => {
            const due = replyDue(r.id);
            const replied = Boolean(r.respondedDate);
            return (
              <li key={r.id} className={replied ? 'ok' : 'todo'}>
                <span className="visually-hidden">{replied ? 'Replied: ' : 'Reply needed: '}</span>
                {r.area === 'health' ? 'Health' : 'Social care'} recommendation of {formatDate(r.madeDate)}:{' '}
                {replied
                  ? `replied on ${formatDate(r.respondedDate)}`
                  : due
                    ? `reply due by ${formatDate(due.due, { weekday: true })} (${whenText(due).toLowerCase()})`
                    : 'reply due within 5 weeks'}
              </li>
            );
          })}
        </ul>
      )}
      <div className="actions">
        <a className="button" href={caseHref(c.id, 'recommendations')}>
          {myRecommendations.length === 0 ? 'Add a recommendation' : 'See the recommendations'}
        </a>
        {letters[0] ? (
          <a className="button button-secondary" href={caseHref(c.id, 'letters', letters[0].id)}>
            Write your 5-week reply
          </a>
        ) : null}
      </div>
    </section>
  );

  const checklistCard = plan.data ? (
    <section className="card" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">
        {beforeRegistration
          ? CASE_COPY[proceeding].sendWith
          : role === 'parent'
            ? 'What the hearing bundle should have'
            : 'What the bundle still needs'}
      </h2>
      {role === 'parent' && !beforeRegistration ? (
        <p className="hint">{CASE_COPY[proceeding].bundleMaker}</p>
      ) : null}
      <ul className="checklist" data-testid="bundle-checklist">
        {checklist.map((item) => (
          <li key={item.id} className={item.present ? 'ok' : 'todo'}>
            <span className="visually-hidden">{item.present ? 'Done: ' : 'Still needed: '}</span>
            {item.label} <span className="muted">(section {item.section})</span>
          </li>
        ))}
      </ul>
      {checklist.every((item) => item.present) && checklist.length > 0 ? (
        <Success>
          {beforeRegistration
            ? CASE_COPY[proceeding].allPapers
            : 'The bundle has every paper the rules list.'}
        </Success>
      ) : null}
      <p>
        <a href={caseHref(c.id, 'evidence')}>Add evidence</a>
      </p>
    </section>
  ) : null;

  const metersCard =
    plan.data && meters.length > 0 && !beforeRegistration ? (
      <section className="card" aria-labelledby="limits-heading">
        <h2 id="limits-heading">{role === 'parent' || commissioner ? 'Your page limits' : 'Page limits'}</h2>
        <PageMeters meters={meters} />
        {role === 'la' || role === 'clerk' ? (
          <p>
            {plan.data.documents.length > 0
              ? `The bundle would have ${plural(plan.data.pageCount, 'page')}.`
              : 'No documents in the bundle yet.'}
            {breaches.length > 0
              ? ` ${plural(breaches.length, 'problem')} to sort out before sending it.`
              : ''}
          </p>
        ) : null}
        <p>
          <a href={caseHref(c.id, 'bundle')}>Go to the bundle</a>
        </p>
      </section>
    ) : null;

  return (
    <Page title="Overview" caption={roleCaption(role, proceeding)}>
      <p>
        {CASE_COPY[proceeding].intro(
          c.childName ?? 'a child or young person',
          APPEAL_TYPE_COPY[c.appealType].short.toLowerCase(),
          c.laName,
        )}{' '}
        <span className="tag">{STAGE_LABELS[stage]}</span>
      </p>
      <Errors errors={[action.error, deadlines.error, plan.error]} />

      <section className="panel" aria-labelledby="next-heading">
        <h2 id="next-heading">What is due next</h2>
        {next ? (
          <p className="lead" data-testid="next-deadline">
            <strong>{next.label}</strong> by {formatDate(next.due, { weekday: true })} (
            {whenText(next).toLowerCase()}).
          </p>
        ) : deadlines.data ? (
          stepText ? null : (
            <p data-testid="next-deadline">
              Nothing is due from you yet.
              {c.decisionDate ? '' : ` ${CASE_COPY[proceeding].subjectDateMissing}`}
            </p>
          )
        ) : (
          <p role="status">Loading…</p>
        )}
        {stepText ? (
          <p className={next ? undefined : 'lead'} data-testid="next-step">
            {stepText}
          </p>
        ) : null}
        {recordDecision ? (
          <p data-testid="record-decision">
            If the tribunal ordered the LA to do something, or the LA told it that it would not oppose the
            appeal, <a href={caseHref(c.id, 'decision')}>record the tribunal’s decision</a> to see when the LA
            must act.
          </p>
        ) : null}
        {deadlines.data ? (
          <details>
            <summary>All the deadlines in this case</summary>
            <DeadlineTable list={deadlines.data} caption="Deadlines" onMarkDone={markDone} />
            <form onSubmit={saveTribunalDate} aria-labelledby="tribunal-date-heading" noValidate>
              <h3 id="tribunal-date-heading">Add a date from the tribunal’s letter</h3>
              <p className="hint">
                The tribunal’s letters set the real dates. A date you add here replaces the estimate.
              </p>
              <Select
                label="Which date?"
                value={setKind}
                options={TRIBUNAL_SET_KINDS.map((k) => ({ value: k, label: SET_KIND_LABELS[k] }))}
                onChange={setSetKind}
              />
              <DateInput
                id="tribunal-date"
                label="The date in the letter"
                error={dateError}
                value={setDate}
                onChange={setSetDate}
              />
              <button type="submit" className="button button-secondary">
                Save the date
              </button>
            </form>
          </details>
        ) : null}
      </section>

      {commissioner || (c.extended && stage === 'after-decision') ? recommendationsCard : null}

      {!commissioner ? (
        <div className="cards">
          {checklistCard}
          {metersCard}
        </div>
      ) : null}

      {letters.length > 0 ? (
        <section className="panel" aria-labelledby="letters-heading">
          <h2 id="letters-heading">Letters you can write</h2>
          <ul data-testid="overview-letters">
            {letters.map((t) => (
              <li key={t.id}>
                <a href={caseHref(c.id, 'letters', t.id)}>{t.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="facts">
        <h2 id="facts">Key facts</h2>
        <dl className="summary-list">
          <div className="summary-row">
            <dt>{CASE_COPY[proceeding].subjectDate}</dt>
            <dd>{formatDate(c.decisionDate) || 'Not given yet'}</dd>
          </div>
          <div className="summary-row">
            <dt>Tribunal reference</dt>
            <dd>{c.tribunalRef ?? 'Not given yet'}</dd>
          </div>
          <div className="summary-row">
            <dt>Hearing</dt>
            <dd>{formatDate(c.hearingDate) || 'Not known yet'}</dd>
          </div>
        </dl>
        <ul className="link-list">
          <li>
            <a href={caseHref(c.id, 'setup')}>Change the case details</a>
          </li>
          <li>
            <a href={caseHref(c.id, 'export')}>Export this case</a> (one file with everything in it, to move
            it to another computer or send it to someone helping you)
          </li>
        </ul>
      </section>
    </Page>
  );
}
