/**
 * A document's text recognition (OCR) on the evidence and bundle screens: the offer to make a scan
 * searchable, its progress page by page with a way to stop, what it found, or why it failed.
 */
import { needsOcr, type DocumentRecord, type OcrJob } from '../../shared/domain/documents';
import { plural } from '../copy';
import { ProgressBar } from './ProgressBar';

export function TextRecognition(props: {
  doc: DocumentRecord;
  job: OcrJob | undefined;
  onStart: () => void;
  onStop: () => void;
}) {
  const { doc, job } = props;
  const title = doc.title;
  if (job && (job.state === 'queued' || job.state === 'running')) {
    return (
      <div className="doc-ocr" data-testid="ocr-progress">
        <ProgressBar
          label={`Recognising text in “${title}”`}
          progress={{ message: job.message, done: job.pagesDone, total: job.pagesTotal }}
        />
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={`Stop recognising text: ${title}`}
          onClick={props.onStop}
        >
          Stop
        </button>
      </div>
    );
  }
  const failed = job && job.state === 'failed' ? job.message : null;
  return (
    <>
      {doc.ocrPages.length > 0 ? (
        <div className="doc-meta" data-testid="ocr-done">
          Text recognised ({plural(doc.ocrPages.length, 'page')}): the words can be searched and copied.
        </div>
      ) : null}
      {failed ? (
        <div className="doc-meta doc-problem" role="alert">
          {failed}
        </div>
      ) : null}
      {doc.pagesWithoutText.length > 0 ? (
        <div className="doc-meta">
          {plural(doc.pagesWithoutText.length, 'page')} with no text a computer can read (for example a scan).
          The tribunal asks for searchable text where possible.{' '}
          {needsOcr(doc) || failed ? (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Make searchable: ${title}`}
              onClick={props.onStart}
            >
              {failed ? 'Try again' : 'Make searchable'}
            </button>
          ) : (
            <>No text could be found on {doc.pagesWithoutText.length === 1 ? 'it' : 'them'}.</>
          )}
        </div>
      ) : null}
    </>
  );
}

/**
 * The fix offered with a bundle finding about pages without text: make those documents searchable here,
 * with their progress; the plan is checked again when they are done.
 */
export function OcrFix(props: {
  documentIds: number[];
  jobs: Map<number, OcrJob>;
  onStart: (documentIds: number[]) => void;
  onStop: (documentId: number) => void;
}) {
  const jobs = props.documentIds.map((id) => props.jobs.get(id)).filter((j): j is OcrJob => j !== undefined);
  const running = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
  if (running.length > 0) {
    return (
      <div className="doc-ocr" data-testid="ocr-progress">
        {running.map((job) => (
          <div key={job.documentId}>
            <ProgressBar
              label={`Recognising text in “${job.title}”`}
              progress={{ message: job.message, done: job.pagesDone, total: job.pagesTotal }}
            />
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Stop recognising text: ${job.title}`}
              onClick={() => props.onStop(job.documentId)}
            >
              Stop
            </button>
          </div>
        ))}
      </div>
    );
  }
  const failed = jobs.find((j) => j.state === 'failed');
  return (
    <div className="finding-fix">
      {failed ? <p role="alert">{failed.message}</p> : null}
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => props.onStart(props.documentIds)}
      >
        {failed ? 'Try again' : 'Make searchable'}
      </button>
    </div>
  );
}
