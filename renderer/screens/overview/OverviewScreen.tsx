/**
 * The case at a glance: what is due next (deadlines service), what the bundle still needs and the page
 * limits (bundle plan, from the rule pack). The screen only shows what the services work out.
 */
import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api';
import { APPEAL_TYPE_COPY, CASE_COPY, formatDate, plural, TRIBUNAL_DATE_LABELS } from '../../copy';
import { DeadlineTable, nextDeadline, whenText } from '../../components/Deadlines';
import { Select, TextField } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success } from '../../components/Notice';
import { PageMeters } from '../../components/PageMeters';
import { Page } from '../../components/Page';
import { useLoad } from '../../hooks/useLoad';
import { caseHref } from '../../router';
import { TRIBUNAL_SET_KINDS, type Deadline, type TribunalSetKind } from '../../../shared/deadlines';
import { proceedingOf } from '../../../shared/rules/proceedings';
import type { CaseScreenProps } from '../../appState';

export function OverviewScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const proceeding = proceedingOf(c.appealType);
  const SET_KIND_LABELS = TRIBUNAL_DATE_LABELS[proceeding];
  const deadlines = useLoad(() => call('deadlines.list', { caseId: c.id }), [c.id]);
  const plan = useLoad(() => call('bundle.plan', { caseId: c.id }), [c.id]);
  const [error, setError] = useState<string | null>(null);
  const [setKind, setSetKind] = useState<TribunalSetKind>('la-response');
  const [setDate, setSetDate] = useState('');
  const announce = useAnnounce();
  const next = nextDeadline(deadlines.data);
  const missing = plan.data?.checklist.filter((item) => !item.present) ?? [];
  const breaches = plan.data?.findings.filter((f) => f.severity === 'breach') ?? [];

  async function markDone(d: Deadline, done: boolean) {
    setError(null);
    try {
      await call('caseDates.markDone', {
        caseId: c.id,
        id: d.id,
        doneDate: done ? (deadlines.data?.today ?? null) : null,
      });
      announce(done ? `Marked “${d.label}” as done.` : `“${d.label}” is not done yet.`);
      deadlines.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function saveTribunalDate(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await call('caseDates.set', { caseId: c.id, kind: setKind, dueDate: setDate || null });
      announce(`Saved the date for ${SET_KIND_LABELS[setKind].toLowerCase()}.`);
      setSetDate('');
      deadlines.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Page title="Overview">
      <p>
        {CASE_COPY[proceeding].intro(
          c.childName ?? 'a child or young person',
          APPEAL_TYPE_COPY[c.appealType].short.toLowerCase(),
          c.laName,
        )}
      </p>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}

      <section className="panel" aria-labelledby="next-heading">
        <h2 id="next-heading">What is due next</h2>
        {deadlines.error ? <ErrorNotice>{deadlines.error}</ErrorNotice> : null}
        {next ? (
          <p className="lead" data-testid="next-deadline">
            <strong>{next.label}</strong> by {formatDate(next.due, { weekday: true })} (
            {whenText(next).toLowerCase()}).
          </p>
        ) : deadlines.data ? (
          <p>Nothing is due yet. {CASE_COPY[proceeding].subjectDateMissing}</p>
        ) : (
          <p role="status">Loading…</p>
        )}
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
              <TextField type="date" label="The date in the letter" value={setDate} onChange={setSetDate} />
              <button type="submit" className="button button-secondary">
                Save the date
              </button>
            </form>
          </details>
        ) : null}
      </section>

      <div className="cards">
        <section className="card" aria-labelledby="checklist-heading">
          <h2 id="checklist-heading">What the bundle still needs</h2>
          {plan.error ? <ErrorNotice>{plan.error}</ErrorNotice> : null}
          {plan.data ? (
            <>
              <ul className="checklist" data-testid="bundle-checklist">
                {plan.data.checklist.map((item) => (
                  <li key={item.id} className={item.present ? 'ok' : 'todo'}>
                    <span className="visually-hidden">{item.present ? 'Done: ' : 'Still needed: '}</span>
                    {item.label} <span className="muted">(section {item.section})</span>
                  </li>
                ))}
              </ul>
              {missing.length === 0 ? <Success>The bundle has every paper the rules list.</Success> : null}
              <p>
                <a href={caseHref(c.id, 'evidence')}>Add evidence</a>
              </p>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby="limits-heading">
          <h2 id="limits-heading">Page limits</h2>
          {plan.data ? (
            <>
              <PageMeters meters={plan.data.meters} />
              <p>
                {plan.data.documents.length > 0
                  ? `The bundle would have ${plural(plan.data.pageCount, 'page')}.`
                  : 'No documents in the bundle yet.'}
                {breaches.length > 0
                  ? ` ${plural(breaches.length, 'problem')} to sort out before sending it.`
                  : ''}
              </p>
              <p>
                <a href={caseHref(c.id, 'bundle')}>Go to the bundle</a>
              </p>
            </>
          ) : null}
        </section>
      </div>

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
        <a href={caseHref(c.id, 'setup')}>Change the case details</a>
      </section>
    </Page>
  );
}
