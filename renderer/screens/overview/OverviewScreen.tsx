import { call } from '../../api';
import { APPEAL_TYPE_COPY, formatDate, plural } from '../../copy';
import { ErrorNotice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { caseHref } from '../../router';
import type { CaseScreenProps } from '../case/CaseScreens';

/** The case at a glance: what is due next, what the bundle still needs, and the page limits. */
export function OverviewScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const docs = useLoad(() => call('documents.list', { caseId: c.id }), [c.id]);
  const included = (docs.data ?? []).filter((d) => d.included);
  const pages = included.reduce((sum, d) => sum + d.pageCount, 0);

  return (
    <Page title="Overview">
      <p>
        An appeal to the SEND Tribunal (SENDIST) about {c.childName ?? 'a child or young person'}:{' '}
        {APPEAL_TYPE_COPY[c.appealType].short.toLowerCase()}.
      </p>
      {docs.error ? <ErrorNotice>{docs.error}</ErrorNotice> : null}
      <div className="cards">
        <section className="card" aria-labelledby="facts">
          <h2 id="facts">Key facts</h2>
          <dl className="summary-list">
            <div className="summary-row">
              <dt>Local authority (LA)</dt>
              <dd>{c.laName ?? 'Not given yet'}</dd>
            </div>
            <div className="summary-row">
              <dt>Decision letter</dt>
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
        <section className="card" aria-labelledby="evidence-summary">
          <h2 id="evidence-summary">Evidence</h2>
          {docs.data ? (
            <p>
              {plural(included.length, 'document')} in the bundle, {plural(pages, 'page')} in total.
            </p>
          ) : (
            <p role="status">Loading…</p>
          )}
          <a href={caseHref(c.id, 'evidence')}>Add or change evidence</a>
        </section>
      </div>
    </Page>
  );
}
