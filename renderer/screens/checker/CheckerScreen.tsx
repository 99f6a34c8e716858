/**
 * Check a bundle (for tribunal clerks, and anyone sent a bundle): choose a PDF, and see the verdict first
 * ("Ready to send", "N problems to fix", "does not look like a hearing bundle"), then the findings grouped
 * by kind with counts and pages. The checker service writes the report (PDF and JSON) as it checks; the
 * screen offers it to save (a download in the browser, a Save dialog in the desktop app) or to print.
 */
import { useState, type DragEvent } from 'react';
import { call, fileUrl } from '../../api';
import { APPEAL_TYPE_COPY, CHECK_CODE_TITLES, plural } from '../../copy';
import { Radios, Select } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice } from '../../components/Notice';
import { groupFindings } from '../../../shared/checker/groups';
import { describePages } from '../../../shared/checker/pages';
import { Page } from '../../components/Page';
import { FileButton } from '../../components/FileButton';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import { CompareSection } from './CompareSection';
import { isDisabilityClaim } from '../../../shared/rules/proceedings';
import { APPEAL_TYPES, type AppealType } from '../../../shared/domain/case';
import {
  type CheckReportResult,
  type CheckResult,
  type CheckRules,
  type CheckSeverity,
} from '../../../shared/domain/checker';
import { LIMITS, tooLargeMessage } from '../../../shared/limits';

const SEVERITY_TITLES: Record<CheckSeverity, string> = {
  error: 'Problem',
  warning: 'Worth checking',
  note: 'Note',
};

const NUMBERING = {
  continuous: 'one run of numbers',
  section: 'numbers by section',
  none: 'no page numbers found',
};

export function CheckerScreen() {
  const [rules, setRules] = useState<CheckRules>('send');
  const [appealType, setAppealType] = useState<AppealType | ''>('');
  const op = useOperation();
  const [result, setResult] = useState<CheckReportResult | null>(null);
  const [dragActive, setDragActive] = useState(false);
  const announce = useAnnounce();

  async function check(file: File | undefined) {
    if (!file || op.running) return;
    // Over the limit: said at once, before anything is read or sent.
    if (file.size > LIMITS.uploadBytes) {
      setResult(null);
      op.setError(tooLargeMessage(file.name, file.size, LIMITS.uploadBytes));
      return;
    }
    setResult(null);
    const checked = await op.run(
      async (options) => {
        const data = new Uint8Array(await file.arrayBuffer());
        return call(
          'checker.report',
          { file: { name: file.name, data }, rules, ...(appealType ? { appealType } : {}) },
          options,
        );
      },
      { stopped: 'You stopped the check.', start: { message: `Reading ${file.name}`, done: 0, total: 1 } },
    );
    if (!checked) return;
    setResult(checked);
    announce(`Checked ${file.name}. ${verdictTitle(checked.result)}.`);
    // Start keyboard and screen-reader users at the verdict.
    requestAnimationFrame(() => document.getElementById('result-heading')?.focus());
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
      <div className="panel no-print">
        <Radios
          name="rules"
          label="Which rules?"
          choices={[
            { value: 'send', label: 'A special educational needs (SEN) appeal' },
            { value: 'dd', label: 'A disability discrimination claim' },
          ]}
          value={rules}
          onChange={(chosen) => {
            setRules(chosen);
            // A claim has one set of limits; an appeal's type is asked again.
            setAppealType('');
          }}
        />
        {rules === 'send' ? (
          <Select
            label="What is the appeal about?"
            hint="The page limits depend on it. If you do not know, the app uses the largest limit and says where a smaller one may apply."
            value={appealType}
            options={[
              { value: '', label: 'I do not know' },
              ...APPEAL_TYPES.filter((t) => !isDisabilityClaim(t)).map((t) => ({
                value: t,
                label: APPEAL_TYPE_COPY[t].short,
              })),
            ]}
            onChange={setAppealType}
          />
        ) : null}
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
          <FileButton
            id="check-file"
            accept=".pdf,application/pdf"
            disabled={op.running !== null}
            onFiles={(files) => void check(files[0])}
          >
            Choose a PDF to check
          </FileButton>
        </div>
        <OperationProgress {...op} label="Checking the bundle" stopLabel="Stop checking" />
      </div>
      {op.error ? <ErrorNotice>{op.error}</ErrorNotice> : null}
      {result ? <CheckReport report={result} /> : null}
      <CompareSection />
    </Page>
  );
}

/** The verdict in a few words, as a heading: what a clerk reads first. */
function verdictTitle(result: CheckResult): string {
  const errors = result.summary.counts.error;
  switch (result.verdict.kind) {
    case 'no-errors':
      return 'Ready to send';
    case 'errors':
      return `${plural(errors, 'problem')} to fix`;
    case 'not-a-bundle':
      return 'This PDF does not look like a hearing bundle';
    case 'not-opened':
      return 'The file could not be opened';
  }
}

function CheckReport(props: { report: CheckReportResult }) {
  const { result } = props.report;
  const { summary, verdict } = result;
  const groups = groupFindings(result.findings);
  const good = verdict.kind === 'no-errors';
  const report = (format: 'pdf' | 'json') =>
    fileUrl({ kind: 'report', name: props.report.name, format }, { download: true });
  return (
    <section aria-labelledby="result-heading" data-testid="check-result" className="check-report">
      <div
        className={`verdict ${good ? 'verdict-good' : 'verdict-bad'}`}
        data-testid="verdict-panel"
        data-verdict={verdict.kind}
      >
        <h2 id="result-heading" tabIndex={-1}>
          {verdictTitle(result)}
        </h2>
        <p data-testid="check-verdict">{verdict.message}</p>
        {verdict.reasons.length > 0 ? (
          <ul>
            {verdict.reasons.map((r) => (
              <li key={r}>Because {r}.</li>
            ))}
          </ul>
        ) : null}
        <p className="muted">
          {summary.fileName}: {plural(summary.pageCount, 'page')}. Checked against the {summary.rules.name}.
        </p>
      </div>
      <div className="actions no-print" data-testid="report-actions">
        <a className="button button-secondary" href={report('pdf')} download>
          Save the report as PDF
        </a>
        <a className="button button-secondary" href={report('json')} download>
          Save the report as JSON
        </a>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            // Every group open on paper, then the browser's (or the desktop app's) Print dialog.
            document
              .querySelectorAll<HTMLDetailsElement>('.check-report details')
              .forEach((d) => (d.open = true));
            window.print();
          }}
        >
          Print the report
        </button>
      </div>
      {groups.length > 0 ? (
        <>
          <h3>What the check found, by kind</h3>
          <ul className="finding-groups" data-testid="finding-groups">
            {groups.map((g) => (
              <li
                key={g.code}
                data-code={g.code}
                data-severity={g.severity}
                className={`finding-group finding-${g.severity}`}
              >
                <details>
                  <summary>
                    <strong>
                      {SEVERITY_TITLES[g.severity]}: {CHECK_CODE_TITLES[g.code]}
                    </strong>{' '}
                    ({g.findings.length === 1 ? '1 finding' : `${g.findings.length} findings`}
                    {g.pages.length > 0 ? `, ${describePages(g.pages)}` : ''})
                  </summary>
                  <ul className="findings">
                    {g.findings.slice(0, 50).map((f, i) => (
                      <li key={`${f.code}-${i}`}>
                        {f.message}
                        {f.pages.length > 0 ? (
                          <span className="muted"> ({describePages(f.pages)} of the file)</span>
                        ) : null}
                      </li>
                    ))}
                    {g.findings.length > 50 ? (
                      <li className="muted">
                        And {g.findings.length - 50} more of this kind: the saved report lists them all.
                      </li>
                    ) : null}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>About the file</h3>
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
    </section>
  );
}
