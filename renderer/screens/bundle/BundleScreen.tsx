/**
 * The bundle: first what building now would give (pages, a short count of problems) and the Build button,
 * with progress and cancel and the verified result to open or save; then the versions (mark as sent, undo,
 * the pages that changed between two); then the details behind the counts: findings (each rule behind a
 * "Why?"), page limits and the index preview.
 */
import { useState } from 'react';
import { ApiError, call, errorMessage, fileUrl } from '../../api';
import { CASE_COPY, formatDate, plural } from '../../copy';
import { Checkbox, Radios } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { Errors, Success, Warning } from '../../components/Notice';
import { PageMeters } from '../../components/PageMeters';
import { Page } from '../../components/Page';
import { PdfPreview } from '../../components/PdfPreview';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import { useLoad } from '../../hooks/useLoad';
import { useOcrJobs } from '../../hooks/useOcrJobs';
import { OcrFix } from '../../components/TextRecognition';
import { HiddenWordsFix } from '../../components/HiddenWordsFix';
import { caseHref } from '../../router';
import {
  blockingDocuments,
  describeBlocking,
  type BlockingDocument,
} from '../../../shared/bundle/buildFailure';
import type { PageSettings } from '../../../shared/bundle/pageSettings';
import { BUNDLE_DEFAULTS, type BundleSettings } from '../../../shared/bundle/settings';
import type { BundleVersion, LateInsertMode } from '../../../shared/bundle/types';
import type { NumberingStyle } from '../../../shared/domain/case';
import { proceedingOf } from '../../../shared/rules/proceedings';
import type { CaseScreenProps } from '../../appState';
import { Findings } from './Findings';

import { IndexPreview } from './IndexPreview';
import { DeliveryParts } from './DeliveryParts';
import { VersionsPanel } from './VersionsPanel';

export function BundleScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const [numbering, setNumbering] = useState<NumberingStyle>(c.numbering);
  const [dividers, setDividers] = useState<boolean>(BUNDLE_DEFAULTS.dividers);
  const [lateInsertMode, setLateInsertMode] = useState<LateInsertMode>(BUNDLE_DEFAULTS.lateInsertMode);
  const [placementOnly, setPlacementOnly] = useState<boolean>(BUNDLE_DEFAULTS.placementOnly);
  const [pages, setPages] = useState<PageSettings>(c.pageSettings);
  /** Documents that stopped the last build (see shared/bundle/buildFailure.ts). */
  const [blocking, setBlocking] = useState<BlockingDocument[]>([]);
  const settings: BundleSettings = {
    numbering,
    dividers,
    lateInsertMode,
    ...(c.appealType === 'contents-of-plan' ? { placementOnly } : {}),
  };
  const plan = useLoad(() => call('bundle.plan', { caseId: c.id, ...settings }), [c.id, settings]);
  const versions = useLoad(() => call('bundle.versions', { caseId: c.id }), [c.id]);
  const op = useOperation();
  const { setError } = op;
  const [built, setBuilt] = useState<BundleVersion | null>(null);
  const announce = useAnnounce();
  // Making scans searchable from their finding: the plan is looked at again when each is done.
  const ocr = useOcrJobs(c.id, (job) => {
    plan.reload();
    if (job.state === 'done' || job.state === 'failed') announce(job.message);
  });
  const anyIssued = (versions.data ?? []).some((v) => v.issued);
  const latest = [...(versions.data ?? [])].sort((a, b) => b.version - a.version)[0] ?? null;
  const [supplement, setSupplement] = useState(false);

  async function changeNumbering(next: NumberingStyle) {
    setNumbering(next);
    // The numbering style is the case's setting: keep it for next time.
    try {
      await call('cases.update', { caseId: c.id, fields: { numbering: next } });
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function changePages(next: Partial<PageSettings>) {
    setPages({ ...pages, ...next });
    // Page settings are the case's: kept for every later bundle of this case.
    try {
      await call('cases.update', { caseId: c.id, fields: { pageSettings: next } });
      props.reloadCase();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function build(leaveOut: number[] = []) {
    setBuilt(null);
    setBlocking([]);
    const version = await op.run(
      (options) =>
        call(
          'bundle.build',
          {
            caseId: c.id,
            ...settings,
            ...(anyIssued && supplement ? { supplement: true } : {}),
            ...(leaveOut.length ? { leaveOut } : {}),
          },
          options,
        ),
      {
        stopped: 'You stopped building the bundle. Nothing was saved.',
        onError: (e, stopped) => {
          if (e instanceof ApiError) setBlocking(blockingDocuments(e.details));
          if (stopped) announce('Stopped. Nothing was saved.');
          return false;
        },
      },
    );
    if (!version) return;
    setBuilt(version);
    announce(`Bundle version ${version.version} is ready: ${plural(version.pageCount, 'page')}.`);
    versions.reload();
    plan.reload();
  }

  // The plan's one-click fix for evidence out of date order: the section put in the order it offers.
  async function putInDateOrder(reorder: { section: string; documentIds: number[] }) {
    setError(null);
    try {
      await call('documents.reorder', { caseId: c.id, ...reorder });
      announce(`Section ${reorder.section} is now in date order.`);
      plan.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const p = plan.data;
  const counts = p
    ? {
        breach: p.findings.filter((f) => f.severity === 'breach').length,
        warning: p.findings.filter((f) => f.severity === 'warning').length,
      }
    : null;
  const upToDate = p?.sameAsVersion ?? null;
  return (
    <Page title="Bundle">
      <p>
        The hearing bundle is one PDF file with every document for the SEND Tribunal (SENDIST): a cover, an
        index that links to each document, and a page number stamped on every page.{' '}
        {CASE_COPY[proceedingOf(c.appealType)].bundleSender}
      </p>

      <section className="panel" aria-labelledby="build-heading">
        <h2 id="build-heading">Build the bundle</h2>
        <Errors errors={[plan.error, op.error]} />
        {p ? (
          <div data-testid="bundle-summary">
            {p.documents.length === 0 ? (
              <p>
                There are no documents to put in the bundle yet.{' '}
                <a href={caseHref(c.id, 'evidence')}>Add evidence</a>.
              </p>
            ) : upToDate !== null ? (
              <p>
                Version {upToDate} already has every document as it is now ({plural(p.pageCount, 'page')}).
                Build again only if you want a new copy.
              </p>
            ) : (
              <p>
                Version {p.version} would have {plural(p.pageCount, 'page')},{' '}
                {plural(p.documents.length, 'document')}.
              </p>
            )}
            {counts && p.documents.length > 0 ? (
              <ul className="checklist">
                <li className={counts.breach > 0 ? 'problem' : 'ok'}>
                  {counts.breach > 0
                    ? `${plural(counts.breach, 'problem')} to fix, or to explain in a note to the tribunal`
                    : 'Nothing breaks the tribunal’s rules that the app can check'}
                </li>
                {counts.warning > 0 ? (
                  <li className="todo">{plural(counts.warning, 'thing')} worth checking</li>
                ) : null}
                {counts.breach + counts.warning > 0 ? (
                  <li className="todo">
                    <a href="#findings-heading" onClick={jumpTo('findings-heading')}>
                      See what to check
                    </a>
                  </li>
                ) : null}
              </ul>
            ) : null}
          </div>
        ) : (
          <p role="status">Working out the pages…</p>
        )}
        <details className="settings">
          <summary>How the bundle is set out</summary>
          <Radios
            name="numbering"
            label="How should pages be numbered?"
            choices={[
              { value: 'continuous', label: 'One run of numbers: 1, 2, 3…' },
              { value: 'section', label: 'Numbers by section: A1, A2… B1, B2…' },
            ]}
            value={numbering}
            onChange={changeNumbering}
          />
          <Checkbox
            label="Put a divider page before each section"
            checked={dividers}
            onChange={setDividers}
          />
          {c.appealType === 'contents-of-plan' ? (
            <Checkbox
              label="The appeal is only about the school or college named in the EHC plan (section I)"
              hint="The evidence page limits are lower for these appeals."
              checked={placementOnly}
              onChange={setPlacementOnly}
            />
          ) : null}
          <Checkbox
            label="Put every page on A4"
            hint="Letter, Legal and other sizes are scaled to fit A4, nothing cut off. The tribunal asks for A4."
            checked={pages.normalisePages}
            onChange={(normalisePages) => changePages({ normalisePages })}
          />
          <Checkbox
            label="Turn landscape pages to portrait"
            hint="Left off, landscape pages stay landscape so they read left to right on screen."
            checked={pages.landscapePages === 'rotate'}
            onChange={(rotate) => changePages({ landscapePages: rotate ? 'rotate' : 'keep' })}
          />
          <Checkbox
            label="Keep each document's own bookmarks"
            hint="They appear under the document's bookmark in the bundle."
            checked={pages.sourceBookmarks}
            onChange={(sourceBookmarks) => changePages({ sourceBookmarks })}
          />
        </details>
        {anyIssued ? (
          <Radios
            name="late"
            label="A version has been sent. How should documents added since then be numbered?"
            choices={[
              {
                value: 'sub-number',
                label: 'As late inserts, for example 12a, 12b',
                hint: 'Everyone keeps the page numbers they already have.',
              },
              {
                value: 'renumber',
                label: 'Number every page again',
                hint: 'Page numbers may change from the sent version.',
              },
            ]}
            value={lateInsertMode}
            onChange={setLateInsertMode}
          />
        ) : null}
        {anyIssued ? (
          <Checkbox
            label="Also make a supplementary pack"
            hint="Only the pages that are new or changed since the version you sent, with instructions saying where each goes, so nobody needs the whole bundle again."
            checked={supplement}
            onChange={setSupplement}
          />
        ) : null}
        {op.running ? (
          <OperationProgress {...op} label="Building the bundle" stopLabel="Stop building" />
        ) : (
          <button
            type="button"
            className="button"
            disabled={!p || p.documents.length === 0}
            onClick={() => build()}
          >
            Build the bundle
          </button>
        )}
        {blocking.length && !op.running ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => build(blocking.map((d) => d.documentId))}
          >
            Build the bundle without {describeBlocking(blocking)}
          </button>
        ) : null}
        {built ? <BuiltResult version={built} title={c.title} /> : null}
      </section>

      <VersionsPanel
        caseId={c.id}
        versions={versions.data ?? []}
        onChanged={() => {
          versions.reload();
          plan.reload();
        }}
      />

      {latest ? (
        <DeliveryParts
          key={latest.id}
          caseData={c}
          version={latest}
          onMade={versions.reload}
          reloadCase={props.reloadCase}
        />
      ) : null}

      {p ? (
        <>
          <section aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabIndex={-1}>
              Check before you build
            </h2>
            <Findings
              findings={p.findings}
              fix={(f) =>
                f.rule === 'unsearchable-pages' && f.documentIds.length > 0 ? (
                  <OcrFix
                    documentIds={f.documentIds}
                    jobs={ocr.byDocument}
                    onStart={(ids) => void ocr.start(ids)}
                    onStop={(id) => void ocr.cancel(id)}
                  />
                ) : (f.rule === 'covered-text' || f.rule === 'redaction-marks') &&
                  f.documentIds.length === 1 ? (
                  <HiddenWordsFix
                    documentId={f.documentIds[0]}
                    kind={f.rule === 'redaction-marks' ? 'marked' : 'hidden'}
                    pages={`bundle ${f.pages.length === 1 ? 'page' : 'pages'} ${f.pages.join(', ')}`}
                    count={f.pages.length}
                    explained
                    onDone={plan.reload}
                  />
                ) : f.reorder ? (
                  <div>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => void putInDateOrder(f.reorder!)}
                    >
                      Put section {f.reorder.section} in date order
                    </button>
                  </div>
                ) : null
              }
            />
            <Errors errors={[ocr.error]} />
            {p.nonComplianceNote ? (
              <Warning>
                Some of the bundle does not follow the tribunal’s rules (under “Must be fixed, or explained in
                a note to the tribunal” above). The tribunal may refuse the bundle unless a note explains why.{' '}
                {(props.app.role ?? c.role) === 'la' ? (
                  <a href={caseHref(c.id, 'letters', 'non-compliance-note')}>Write the note</a>
                ) : (
                  CASE_COPY[proceedingOf(c.appealType)].noteWriter
                )}
              </Warning>
            ) : null}
          </section>
          <section aria-labelledby="meters-heading">
            <h2 id="meters-heading">Page limits</h2>
            <PageMeters meters={p.meters} />
          </section>
          {p.documents.length > 0 ? (
            <section aria-labelledby="index-heading">
              <h2 id="index-heading">Index preview</h2>
              <IndexPreview plan={p} />
            </section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

/** In-page links: the part after # is the screen's address, so move focus by hand. */
function jumpTo(id: string) {
  return (event: React.MouseEvent) => {
    event.preventDefault();
    const target = document.getElementById(id);
    target?.scrollIntoView({ block: 'start' });
    target?.focus({ preventScroll: true });
  };
}

function BuiltResult(props: { version: BundleVersion; title: string }) {
  const v = props.version;
  const file = { kind: 'bundle' as const, id: v.id };
  return (
    <div data-testid="bundle-result">
      <Success title={`Version ${v.version} is ready`}>
        <p>
          {plural(v.pageCount, 'page')}, made on {formatDate(v.compiledDate)}.{' '}
          {v.verification.ok
            ? 'The app read the finished file again and checked the page numbers, index, links and bookmarks: all correct.'
            : 'The app found problems when it checked the finished file.'}
        </p>
        <ul>
          {v.verification.checks.map((check) => (
            <li key={check.name}>
              {check.ok ? 'Correct' : 'Problem'}: {CHECK_NAMES[check.name]}
              {check.problems.length > 0 ? ` – ${check.problems.join(' ')}` : ''}
            </li>
          ))}
        </ul>
      </Success>
      <div className="actions">
        <a className="button" href={fileUrl(file)} target="_blank" rel="noreferrer">
          Open the bundle
        </a>
        <a className="button button-secondary" href={fileUrl(file, { download: true })} download>
          Save a copy
        </a>
      </div>
      {v.files
        .filter((f) => f.details.kind === 'supplement')
        .map((f) => (
          <div key={f.id} data-testid="supplement-result">
            <h3>Supplementary pack</h3>
            <p>
              {plural(f.pageCount, 'page')}: {f.details.kind === 'supplement' ? f.details.summary : ''}.
            </p>
            <div className="actions">
              <a
                className="button"
                href={fileUrl({ kind: 'bundleFile', id: f.id })}
                target="_blank"
                rel="noreferrer"
              >
                Open the supplementary pack
              </a>
              <a
                className="button button-secondary"
                href={fileUrl({ kind: 'bundleFile', id: f.id }, { download: true })}
                download
              >
                Save a copy of the pack
              </a>
            </div>
          </div>
        ))}
      <PdfPreview url={fileUrl(file)} title={`${props.title}, bundle version ${v.version}`} />
    </div>
  );
}

const CHECK_NAMES: Record<BundleVersion['verification']['checks'][number]['name'], string> = {
  'page-count': 'number of pages',
  'page-labels': 'page numbers in the PDF',
  stamps: 'page numbers printed on the pages',
  bookmarks: 'bookmarks',
  links: 'links in the index',
  index: 'the index',
  identity: "the bundle's fingerprint on the cover and index",
  pages: 'the pages are those of the new version',
};
