import { useState } from 'react';
import type { AppState } from '../../appState';
import { call, errorMessage } from '../../api';
import { APPEAL_TYPE_COPY, ROLE_LABELS, plural } from '../../copy';
import { Checkbox } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../hooks/useLoad';
import { caseHref, hrefFor } from '../../router';
import { NextDeadline, useNextDeadlines } from './nextDeadlines';

/** The cases list: open, create and archive cases; the next deadline of each. */
export function StartScreen(props: { app: AppState }) {
  const [showArchived, setShowArchived] = useState(false);
  const cases = useLoad(() => call('cases.list', { includeArchived: showArchived }), [showArchived]);
  const deadlines = useNextDeadlines(cases.data);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const role = props.app.role ?? 'parent';

  async function setArchived(caseId: number, title: string, archived: boolean) {
    setError(null);
    try {
      await call('cases.archive', { caseId, archived });
      announce(archived ? `${title} was archived.` : `${title} is back in your cases.`);
      cases.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const intro: Record<typeof role, string> = {
    parent:
      'Each case is one appeal to the SEND Tribunal (SENDIST), or one disability discrimination claim. Start a new case when you get a decision letter from the local authority (LA) that you want to appeal, or to claim that a school treated a disabled child unfairly.',
    la: 'Each case is one appeal against your local authority (LA) at the SEND Tribunal (SENDIST), or one disability discrimination claim against a school you answer for. You can run many at once.',
    'health-commissioner':
      'Each case is an extended appeal where the tribunal may make recommendations about health care. Your written reply is due within 5 weeks of each recommendation.',
    'social-care-commissioner':
      'Each case is an extended appeal where the tribunal may make recommendations about social care. Your written reply is due within 5 weeks of each recommendation.',
    clerk: 'Open a case, or check a bundle sent to the SEND Tribunal (SENDIST).',
  };

  return (
    <Page title="Your cases" caption={ROLE_LABELS[role].short}>
      <p className="lead">{intro[role]}</p>
      <div className="actions">
        <a className="button" href={hrefFor({ name: 'new' })}>
          Start a new case
        </a>
        <a className="button button-secondary" href={hrefFor({ name: 'import' })}>
          Import a case
        </a>
        {role === 'clerk' ? (
          <a className="button button-secondary" href={hrefFor({ name: 'check' })}>
            Check a bundle
          </a>
        ) : null}
      </div>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      {cases.error ? <ErrorNotice>{cases.error}</ErrorNotice> : null}
      <Checkbox label="Show archived cases" checked={showArchived} onChange={setShowArchived} />
      {cases.data && cases.data.length === 0 ? (
        <p>You have no cases yet. Choose “Start a new case” to begin.</p>
      ) : null}
      {cases.data && cases.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{plural(cases.data.length, 'case')}</caption>
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Appeal or claim</th>
                <th scope="col">Evidence</th>
                <th scope="col">Next deadline</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {cases.data.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={caseHref(c.id)}>{c.title}</a>
                    {c.childName ? <div className="muted">{c.childName}</div> : null}
                    {c.archived ? <span className="tag">Archived</span> : null}
                  </td>
                  <td>{APPEAL_TYPE_COPY[c.appealType].short}</td>
                  <td>
                    {plural(c.documentCount, 'document')}, {plural(c.pageCount, 'page')}
                  </td>
                  <td>
                    <NextDeadline entry={deadlines[c.id]} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => setArchived(c.id, c.title, !c.archived)}
                    >
                      {c.archived ? 'Restore' : 'Archive'}
                      <span className="visually-hidden"> {c.title}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
