/** Every built version: open, save, mark as sent, and the pages that changed between two versions. */
import { useEffect, useRef, useState } from 'react';
import { call, errorMessage, fileUrl } from '../../api';
import { formatDate, plural } from '../../copy';
import { Select } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice } from '../../components/Notice';
import type { BundleDiff } from '../../../shared/bundle/diff';
import type { BundleVersion } from '../../../shared/bundle/types';

const CHANGE_LABELS = { added: 'New page', removed: 'Page taken out', changed: 'Changed page' } as const;

export function VersionsPanel(props: { caseId: number; versions: BundleVersion[]; onChanged: () => void }) {
  const { versions } = props;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [diff, setDiff] = useState<BundleDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const fromValue = from || String(sorted[1]?.version ?? '');
  const toValue = to || String(sorted[0]?.version ?? '');

  const [confirming, setConfirming] = useState<number | null>(null);
  const latest = sorted[0]?.version;
  // Keyboard users stay where they were: the button that replaces the one they pressed gets the focus.
  const [focusNext, setFocusNext] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!focusNext) return;
    const target = panel.current?.querySelector<HTMLElement>(`[data-focus="${focusNext}"]`);
    if (target) {
      target.focus();
      setFocusNext(null);
    }
  }, [focusNext, versions, confirming]);

  async function issue(v: BundleVersion) {
    setError(null);
    try {
      await call('bundle.issue', { caseId: props.caseId, version: v.version });
      setConfirming(null);
      setFocusNext(`undo-${v.version}`);
      announce(`Version ${v.version} is marked as sent. You can undo this until you build another version.`);
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function unissue(v: BundleVersion) {
    setError(null);
    try {
      await call('bundle.unissue', { caseId: props.caseId, version: v.version });
      setFocusNext(`mark-${v.version}`);
      announce(`Version ${v.version} is no longer marked as sent.`);
      props.onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function compare() {
    setError(null);
    try {
      const result = await call('bundle.diff', {
        caseId: props.caseId,
        fromVersion: Number(fromValue),
        toVersion: Number(toValue),
      });
      setDiff(result);
      announce(result.summary);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  if (versions.length === 0) return null;
  const options = sorted.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }));
  return (
    <section aria-labelledby="versions-heading" ref={panel}>
      <h2 id="versions-heading">Versions</h2>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      <div className="table-wrap">
        <table data-testid="versions">
          <caption>{plural(versions.length, 'version')} built</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Made</th>
              <th scope="col">Pages</th>
              <th scope="col">Sent</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((v) => (
              <tr key={v.id} data-version={v.version}>
                <td>{v.version}</td>
                <td>{formatDate(v.compiledDate)}</td>
                <td>{v.pageCount}</td>
                <td>{v.issued ? 'Yes' : 'No'}</td>
                <td>
                  <div className="row-actions">
                    {v.available ? (
                      <>
                        <a href={fileUrl({ kind: 'bundle', id: v.id })} target="_blank" rel="noreferrer">
                          Open<span className="visually-hidden"> version {v.version}</span>
                        </a>
                        <a href={fileUrl({ kind: 'bundle', id: v.id }, { download: true })} download>
                          Save<span className="visually-hidden"> version {v.version}</span>
                        </a>
                      </>
                    ) : (
                      <span className="muted">The file is missing</span>
                    )}
                    {!v.issued ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        aria-expanded={confirming === v.version}
                        data-focus={`mark-${v.version}`}
                        onClick={() => {
                          const next = confirming === v.version ? null : v.version;
                          setConfirming(next);
                          if (next !== null) setFocusNext('confirm-sent');
                        }}
                      >
                        Mark as sent<span className="visually-hidden"> version {v.version}</span>
                      </button>
                    ) : v.version === latest ? (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        data-focus={`undo-${v.version}`}
                        onClick={() => unissue(v)}
                      >
                        Undo “sent”<span className="visually-hidden"> for version {v.version}</span>
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {confirming !== null ? (
        <div
          className="notice notice-warning-box"
          role="group"
          aria-labelledby="confirm-sent-heading"
          data-testid="confirm-sent"
        >
          <h3 id="confirm-sent-heading" tabIndex={-1} data-focus="confirm-sent">
            Mark version {confirming} as sent?
          </h3>
          <p>
            Do this once you have sent version {confirming} to the tribunal and the other side. After that,
            documents you add go in as late inserts (page numbers like 12a, 12b), so everyone keeps the page
            numbers they already have. You can undo this until you build another version.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              onClick={() => {
                const v = versions.find((x) => x.version === confirming);
                if (v) void issue(v);
              }}
            >
              Yes, version {confirming} has been sent
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setFocusNext(`mark-${confirming}`);
                setConfirming(null);
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {versions.length > 1 ? (
        <div className="panel">
          <h3>Which pages changed?</h3>
          <p>Compare two versions to see which pages to check again.</p>
          <div className="cards">
            <Select label="From" value={fromValue} options={options} onChange={setFrom} />
            <Select label="To" value={toValue} options={options} onChange={setTo} />
          </div>
          <button type="button" className="button button-secondary" onClick={compare}>
            Compare
          </button>
          {diff ? (
            <div data-testid="bundle-diff">
              <p>{diff.summary}</p>
              {diff.pages.length > 0 ? (
                <ul>
                  {diff.pages.map((pg) => (
                    <li key={`${pg.change}-${pg.label}`}>
                      {CHANGE_LABELS[pg.change]} {pg.label}: {pg.what}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
