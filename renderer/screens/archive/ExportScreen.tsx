/**
 * Export a case: one file (.zip) with the case, its documents, bundles and letters, to move to another
 * computer or send to an adviser. The service writes it into the app's exports folder; the screen offers it
 * to save (a download in the browser, the Save dialog in the desktop app).
 */
import { useState } from 'react';
import { call, fileUrl } from '../../api';
import type { CaseScreenProps } from '../../appState';
import { plural } from '../../copy';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success } from '../../components/Notice';
import { Page } from '../../components/Page';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import type { CaseExportResult } from '../../../shared/domain/case';

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ExportScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const op = useOperation();
  const [done, setDone] = useState<CaseExportResult | null>(null);
  const announce = useAnnounce();

  async function run() {
    setDone(null);
    const result = await op.run((options) => call('cases.export', { caseId: c.id }, options), {
      stopped: 'You stopped the export. Nothing was saved.',
    });
    if (!result) return;
    setDone(result);
    announce(`The case is exported: ${result.fileName}. You can save it now.`);
  }

  return (
    <Page title="Export this case">
      <p>
        This makes one file with everything in the case: its details, documents, bundles and letters. Use it
        to move the case to another computer, to keep a copy, or to send it to someone helping you. Open it
        with “Import a case” in SEND Bundle Builder.
      </p>
      <p className="hint">
        The file has personal information in it. Keep it safe, and send it only to people you trust.
      </p>
      {op.error ? <ErrorNotice>{op.error}</ErrorNotice> : null}
      {op.running ? (
        <OperationProgress {...op} label="Exporting the case" stopLabel="Stop exporting" />
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={run}>
            {done ? 'Export again' : 'Export the case'}
          </button>
        </div>
      )}
      {done ? (
        <div data-testid="export-result">
          <Success title="The case is exported">
            <p>
              <strong data-testid="export-file-name">{done.fileName}</strong> ({megabytes(done.bytes)}):{' '}
              {plural(done.documents, 'document')}, {plural(done.bundles, 'bundle')},{' '}
              {plural(done.letters, 'letter')}.
            </p>
          </Success>
          <div className="actions">
            <a
              className="button"
              href={fileUrl({ kind: 'export', fileName: done.fileName }, { download: true })}
              download
            >
              Save the export file
            </a>
          </div>
        </div>
      ) : null}
    </Page>
  );
}
