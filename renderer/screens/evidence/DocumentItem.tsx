/** One document in the evidence list, with its reorder, details, preview and include controls. */
import { Fragment, useState, type DragEvent, type KeyboardEvent } from 'react';
import { fileUrl } from '../../api';
import { CONVERSION_LABELS, documentKindLabel, formatDate, plural } from '../../copy';
import { PdfPreview } from '../../components/PdfPreview';
import type { DocumentRecord, OcrJob, StoredFileProblem } from '../../../shared/domain/documents';
import { choosePage, describePageSelection, isPageKept } from '../../../shared/domain/pageSelection';
import { TextRecognition } from '../../components/TextRecognition';
import { HiddenWordsFix, hiddenWordsFixFor } from '../../components/HiddenWordsFix';
import { DocumentDetailsForm } from './DocumentDetailsForm';
import type { SectionView } from './sections';
import type { Proceeding } from '../../../shared/rules/proceedings';

export interface FocusRequest {
  docId: number;
  action: 'move-up' | 'move-down';
}

export function DocumentItem(props: {
  doc: DocumentRecord;
  index: number;
  count: number;
  sections: SectionView[];
  proceeding: Proceeding;
  dragging: number | null;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDrop: () => void;
  onMove: (by: -1 | 1) => void;
  onInclude: (included: boolean) => void;
  /** Saves the pages that go into the bundle, then announces `done`. */
  onChoosePages: (keptPages: number[] | null, done: string) => void;
  onRemove: () => void;
  onSaved: (doc: DocumentRecord) => void;
  /** Its pages that hid words are now pictures of themselves (the fix has said so itself). */
  onHiddenWordsTakenOut: (doc: DocumentRecord) => void;
  ocr: OcrJob | undefined;
  onRecognise: () => void;
  onStopRecognising: () => void;
  /** Set when its stored file changed since it was added, or is missing (the warning above says more). */
  storedProblem?: StoredFileProblem['problem'];
}) {
  const { doc } = props;
  const [editing, setEditing] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [dropTarget, setDropTarget] = useState(false);
  const [pageError, setPageError] = useState<{ page: number; message: string } | null>(null);
  const includeId = `include-${doc.id}`;
  const keepPageId = `keep-page-${doc.id}`;
  const { pages: fixPages, kind: fixKind } = hiddenWordsFixFor(doc);

  function keepPage(page: number, keep: boolean) {
    const reading = choosePage(doc.keptPages, page, doc.pageCount, keep);
    if (!reading.ok) {
      setPageError({ page, message: reading.message });
      return;
    }
    setPageError(null);
    const now = reading.pages ? describePageSelection(reading.pages, doc.pageCount) : 'every page';
    props.onChoosePages(
      reading.pages,
      `Page ${page} of “${doc.title}” is ${keep ? 'now in' : 'now left out of'} the bundle. The bundle has ${now}.`,
    );
  }

  function pageControls(page: number) {
    const error = pageError?.page === page ? pageError.message : null;
    return (
      <>
        <span className="choice">
          <input
            type="checkbox"
            id={keepPageId}
            checked={isPageKept(doc.keptPages, page)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${keepPageId}-error` : undefined}
            onChange={(e) => keepPage(page, e.target.checked)}
          />
          <label htmlFor={keepPageId}>Put page {page} in the bundle</label>
        </span>
        {error ? (
          <p id={`${keepPageId}-error`} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </>
    );
  }

  function onKeyDown(event: KeyboardEvent) {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    props.onMove(event.key === 'ArrowUp' ? -1 : 1);
  }

  function acceptsDrop(event: DragEvent) {
    return (
      props.dragging !== null && props.dragging !== doc.id && !event.dataTransfer.types.includes('Files')
    );
  }

  // Only what is known: a missing date or author is not news on every line.
  const meta = [
    doc.documentDate ? formatDate(doc.documentDate) : null,
    doc.author,
    doc.keptPages
      ? `${plural(doc.keptPages.length, 'page')} in the bundle (${describePageSelection(doc.keptPages, doc.pageCount)})`
      : plural(doc.pageCount, 'page'),
    documentKindLabel(doc.kind, props.proceeding),
  ].filter((part): part is string => Boolean(part));

  return (
    <li
      className={`doc-item${doc.included ? '' : ' excluded'}${props.dragging === doc.id ? ' dragging' : ''}${dropTarget ? ' drop-target' : ''}`}
      data-doc-id={doc.id}
      data-testid="document-item"
      onKeyDown={onKeyDown}
      onDragOver={(e) => {
        if (!acceptsDrop(e)) return;
        e.preventDefault();
        setDropTarget(true);
      }}
      onDragLeave={() => setDropTarget(false)}
      onDrop={(e) => {
        if (!acceptsDrop(e)) return;
        e.preventDefault();
        setDropTarget(false);
        props.onDrop();
      }}
    >
      <span
        className="drag-handle"
        draggable
        aria-hidden="true"
        title="Drag to move"
        onDragStart={(e) => {
          e.dataTransfer.effectAllowed = 'move';
          e.dataTransfer.setData('text/plain', String(doc.id));
          props.onDragStart();
        }}
        onDragEnd={props.onDragEnd}
      >
        ⠿
      </span>
      <div className="doc-main">
        <div className="doc-title">
          <span className="visually-hidden">
            {props.index + 1} of {props.count}:{' '}
          </span>
          <bdi>{doc.title}</bdi>
          {doc.late ? <span className="tag">Late</span> : null}
          {!doc.included ? <span className="tag">Left out</span> : null}
          {props.storedProblem ? (
            <span className="tag" data-testid="stored-file-tag">
              {props.storedProblem === 'changed' ? 'File changed' : 'File missing'}
            </span>
          ) : null}
        </div>
        {/* Each part kept apart for right-to-left text: "محمد الحسين · 3 pages" showed the 3 before the name. */}
        <div className="doc-meta">
          {meta.map((part, i) => (
            <Fragment key={`${i}-${part}`}>
              {i > 0 ? ' · ' : null}
              <bdi>{part}</bdi>
            </Fragment>
          ))}
        </div>
        {doc.importNotes.length > 0 ? (
          doc.importNotes.map((note) => (
            <div key={note} className="doc-meta" data-testid="import-note">
              {note}
            </div>
          ))
        ) : CONVERSION_LABELS[doc.conversion] ? (
          <div className="doc-meta">{CONVERSION_LABELS[doc.conversion]}</div>
        ) : null}
        {fixPages.length ? (
          <HiddenWordsFix
            documentId={doc.id}
            kind={fixKind}
            pages={`${fixPages.length === 1 ? 'page' : 'pages'} ${fixPages.join(', ')} of ${doc.title}`}
            count={fixPages.length}
            onDone={props.onHiddenWordsTakenOut}
          />
        ) : null}
        <TextRecognition
          doc={doc}
          job={props.ocr}
          onStart={props.onRecognise}
          onStop={props.onStopRecognising}
        />
        <div className="row-actions">
          <button
            type="button"
            className="button button-secondary button-small"
            data-action="move-up"
            aria-label={`Move up: ${doc.title}`}
            disabled={props.index === 0}
            onClick={() => props.onMove(-1)}
          >
            Move up
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            data-action="move-down"
            aria-label={`Move down: ${doc.title}`}
            disabled={props.index === props.count - 1}
            onClick={() => props.onMove(1)}
          >
            Move down
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-expanded={editing}
            aria-label={`Details: ${doc.title}`}
            onClick={() => setEditing((v) => !v)}
          >
            Details
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-expanded={previewing}
            aria-label={`${previewing ? 'Hide preview' : 'Preview'}: ${doc.title}`}
            onClick={() => setPreviewing((v) => !v)}
          >
            {previewing ? 'Hide preview' : 'Preview'}
          </button>
          <button
            type="button"
            className="button button-secondary button-small"
            aria-label={`Remove: ${doc.title}`}
            onClick={props.onRemove}
          >
            Remove
          </button>
          <span className="choice">
            <input
              type="checkbox"
              id={includeId}
              checked={doc.included}
              aria-label={`In the bundle: ${doc.title}`}
              onChange={(e) => props.onInclude(e.target.checked)}
            />
            <label htmlFor={includeId}>In the bundle</label>
          </span>
        </div>
        {editing ? (
          <DocumentDetailsForm
            doc={doc}
            sections={props.sections}
            proceeding={props.proceeding}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              setEditing(false);
              props.onSaved(saved);
            }}
          />
        ) : null}
        {previewing ? (
          <PdfPreview
            url={fileUrl({ kind: 'document', sha256: doc.ocrSha256 ?? doc.sha256 })}
            title={doc.title}
            pageControls={doc.pageCount > 1 ? pageControls : undefined}
            isPageLeftOut={(page) => !isPageKept(doc.keptPages, page)}
          />
        ) : null}
      </div>
    </li>
  );
}
