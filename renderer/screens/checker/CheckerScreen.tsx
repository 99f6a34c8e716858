/**
 * Check a bundle (for tribunal clerks, and anyone sent a bundle): choose a PDF, and see what the checker
 * finds, page by page. The file is read here as bytes and checked by the checker service.
 */
import { useRef, useState, type DragEvent } from 'react';
import { ApiError, call, errorMessage, type ProgressEvent } from '../../api';
import { APPEAL_TYPE_COPY, plural } from '../../copy';
import { Radios, Select } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success, Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ProgressBar } from '../../components/ProgressBar';
import { CompareSection } from './CompareSection';
import {
  APPEAL_TYPES,
  type AppealType,
  type CheckResult,
  type CheckRules,
  type CheckSeverity,
} from '../../../shared/domain/types';
import { LIMITS, tooLargeMessage } from '../../../shared/limits';

const SEVERITY: { severity: CheckSeverity; title: string }[] = [
  { severity: 'error', title: 'Problems' },
  { severity: 'warning', title: 'Worth checking' },
  { severity: 'note', title: 'Notes' },
];

const NUMBERING = {
  continuous: 'one run of numbers',
  section: 'numbers by section',
  none: 'no page numbers found',
};

export function CheckerScreen() {
  const [rules, setRules] = useState<CheckRules>('send');
  const [appealType, setAppealType] = useState<AppealType | ''>('');
  const [running, setRunning] = useState<AbortController | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragActive, setDragActive] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const announce = useAnnounce();

  async function check(file: File | undefined) {
    if (!file || running) return;
    // Over the limit: said at once, before anything is read or sent.
    if (file.size > LIMITS.uploadBytes) {
      setResult(null);
      setError(tooLargeMessage(file.name, file.size, LIMITS.uploadBytes));
      return;
    }
    const controller = new AbortController();
    setRunning(controller);
    setResult(null);
    setError(null);
    setProgress({ message: `Reading ${file.name}`, done: 0, total: 1 });
    try {
      const data = new Uint8Array(await file.arrayBuffer());
      const checked = await call(
        'checker.check',
        { file: { name: file.name, data }, rules, ...(appealType ? { appealType } : {}) },
        { signal: controller.signal, onProgress: setProgress },
      );
      setResult(checked);
      const c = checked.summary.counts;
      announce(
        `Checked ${file.name}: ${plural(c.error, 'problem')}, ${plural(c.warning, 'thing')} worth checking.`,
      );
    } catch (e) {
      setError(e instanceof ApiError && e.code === 'cancelled' ? 'You stopped the check.' : errorMessage(e));
    } finally {
      setRunning(null);
    }
  }

  function onDrop(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragActive(false);
    void check(event.dataTransfer.files[0]);
  }

  return (
    <Page title="Check a bundle">
      <p>
        Choose a hearing bundle (a PDF file) to check it against the rules of the SEND Tribunal (SENDIST):
        page numbers, the index, bookmarks and page limits. The file stays on this computer.
      </p>
      <div className="panel">
        <Radios
          name="rules"
          label="Which rules?"
          choices={[
            { value: 'send', label: 'A special educational needs (SEN) appeal' },
            { value: 'dd', label: 'A disability discrimination claim' },
          ]}
          value={rules}
          onChange={setRules}
        />
        <Select
          label="What is the appeal about?"
          hint="The page limits depend on it. If you do not know, the app uses the largest limit and says where a smaller one may apply."
          value={appealType}
          options={[
            { value: '', label: 'I do not know' },
            ...APPEAL_TYPES.map((t) => ({ value: t, label: APPEAL_TYPE_COPY[t].short })),
          ]}
          onChange={setAppealType}
        />
        <div
          className={`drop-zone${dragActive ? ' active' : ''}`}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes('Files')) return;
            e.preventDefault();
            setDragActive(true);
          }}
          onDragLeave={() => setDragActive(false)}
          onDrop={onDrop}
        >
          <p>Drag a PDF here and drop it, or:</p>
          <input
            ref={input}
            id="check-file"
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            accept=".pdf,application/pdf"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              void check(file);
            }}
          />
          <button
            type="button"
            className="button"
            disabled={running !== null}
            onClick={() => input.current?.click()}
          >
            Choose a PDF to check
          </button>
        </div>
        {running ? (
          <>
            <ProgressBar label="Checking the bundle" progress={progress} />
            <button type="button" className="button button-warning" onClick={() => running.abort()}>
              Stop checking
            </button>
          </>
        ) : null}
      </div>
      {error ? <ErrorNotice>{error}</ErrorNotice> : null}
      {result ? <CheckReport result={result} /> : null}
      <CompareSection />
    </Page>
  );
}

function CheckReport(props: { result: CheckResult }) {
  const { summary, findings } = props.result;
  return (
    <section aria-labelledby="result-heading" data-testid="check-result">
      <h2 id="result-heading">What the check found in {summary.fileName}</h2>
      {props.result.verdict.kind === 'no-errors' ? (
        <Success>No problems found with the rules the app can check.</Success>
      ) : props.result.verdict.kind === 'not-a-bundle' ? (
        <Warning>
          <span data-testid="check-verdict">{props.result.verdict.message}</span> Check that you chose the
          right file.
        </Warning>
      ) : null}
      <dl className="summary-list">
        <div className="summary-row">
          <dt>Pages</dt>
          <dd>{summary.pageCount}</dd>
        </div>
        <div className="summary-row">
          <dt>Page numbers</dt>
          <dd>{NUMBERING[summary.numbering]}</dd>
        </div>
        <div className="summary-row">
          <dt>Index</dt>
          <dd>
            {summary.indexPages.length > 0
              ? `${plural(summary.indexEntries, 'entry', 'entries')} on page ${summary.indexPages.join(', ')}`
              : 'Not found'}
          </dd>
        </div>
        <div className="summary-row">
          <dt>Bookmarks</dt>
          <dd>{summary.bookmarks}</dd>
        </div>
        {summary.fingerprint ? (
          <div className="summary-row">
            <dt>Fingerprint</dt>
            <dd data-testid="check-fingerprint">
              {summary.fingerprint.computed}, computed from its pages
              {summary.fingerprint.stated === null
                ? ' (compare it with the fingerprint of another copy: the same pages give the same fingerprint)'
                : summary.fingerprint.stated === summary.fingerprint.computed
                  ? `: it is Bundle ${summary.fingerprint.stated}, as printed on its cover`
                  : `: its cover says Bundle ${summary.fingerprint.stated}, so it was changed after it was built`}
            </dd>
          </div>
        ) : null}
      </dl>
      {summary.limits.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>Page limits</caption>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Pages</th>
                <th scope="col">Limit</th>
              </tr>
            </thead>
            <tbody>
              {summary.limits.map((l) => (
                <tr key={l.partId}>
                  <td>
                    {l.label} (section {l.section})
                  </td>
                  <td className={l.status === 'ok' ? undefined : 'meter-over'}>{l.pages}</td>
                  <td>{l.limit}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {SEVERITY.map(({ severity, title }) => {
        const items = findings.filter((f) => f.severity === severity);
        if (items.length === 0) return null;
        return (
          <div key={severity}>
            <h3>
              {title} ({items.length})
            </h3>
            <ul className="findings">
              {items.map((f, i) => (
                <li key={`${f.code}-${i}`} data-code={f.code}>
                  {f.message}
                  {f.pages.length > 0 ? (
                    <span className="muted">
                      {' '}
                      (page{f.pages.length > 1 ? 's' : ''} of the file: {f.pages.slice(0, 20).join(', ')}
                      {f.pages.length > 20 ? '…' : ''})
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
