/**
 * Shows one page at a time of a PDF the host serves (a stored document or a built bundle), with pdf.js.
 * pdf.js and its worker, fonts and maps all load from the app's own origin: nothing from the internet.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import * as pdfjs from 'pdfjs-dist';
// Not the minified worker: scripts/pdfjsFixes.mjs writes its fixes into this one.
import workerUrl from 'pdfjs-dist/build/pdf.worker.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { readPageNumber } from '../../shared/domain/pageSelection';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

/** Absolute, because pdf.js may fetch these from its worker, whose base address is different. */
function assetUrl(path: string): string {
  return new URL(`./pdfjs/${path}`, document.baseURI).href;
}

export function PdfPreview(props: {
  url: string;
  title: string;
  initialPage?: number;
  /** Controls about the page on show, such as whether it goes into the bundle. */
  pageControls?: (page: number, pageCount: number) => ReactNode;
  /** Pages shown dimmed and described as left out of the bundle. */
  isPageLeftOut?: (page: number) => boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(props.initialPage ?? 1);
  const [error, setError] = useState<string | null>(null);
  const [rendered, setRendered] = useState(0);
  const [goTo, setGoTo] = useState('');
  const [goToError, setGoToError] = useState<string | null>(null);
  const statusId = useId();
  const goToId = useId();

  useEffect(() => {
    let live = true;
    let loaded: PDFDocumentProxy | null = null;
    const task = pdfjs.getDocument({
      url: props.url,
      isEvalSupported: false,
      disableRange: true,
      cMapUrl: assetUrl('cmaps/'),
      cMapPacked: true,
      standardFontDataUrl: assetUrl('standard_fonts/'),
      wasmUrl: assetUrl('wasm/'),
      iccUrl: assetUrl('iccs/'),
    });
    task.promise.then(
      (d) => {
        loaded = d;
        if (live) {
          setDoc(d);
          setPage((p) => Math.min(Math.max(1, p), d.numPages));
        } else void d.destroy();
      },
      () => live && setError('The preview could not open this file. You can still open it in a new tab.'),
    );
    return () => {
      live = false;
      void task.destroy();
      void loaded?.destroy();
    };
  }, [props.url]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    let renderTask: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | null = null;
    const target = canvas.current;
    doc.getPage(page).then(
      (p) => {
        if (cancelled) return;
        const viewport = p.getViewport({ scale: 1.25 });
        target.width = Math.floor(viewport.width);
        target.height = Math.floor(viewport.height);
        renderTask = p.render({ canvas: target, viewport });
        renderTask.promise.then(
          () => !cancelled && setRendered(page),
          () => {},
        );
      },
      () => !cancelled && setError('This page could not be shown.'),
    );
    return () => {
      cancelled = true;
      renderTask?.cancel();
    };
  }, [doc, page]);

  const count = doc?.numPages ?? 0;
  const leftOut = doc !== null && (props.isPageLeftOut?.(page) ?? false);
  const pageText = `Page ${page} of ${count}${leftOut ? ' (left out of the bundle)' : ''}`;

  function onGoTo(event: FormEvent) {
    event.preventDefault();
    const reading = readPageNumber(goTo, count);
    if (!reading.ok) {
      setGoToError(reading.message);
      return;
    }
    setGoToError(null);
    setGoTo('');
    setPage(reading.page);
  }

  return (
    <div className="preview">
      <div className="preview-bar">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!doc || page <= 1}
          onClick={() => setPage((p) => p - 1)}
        >
          Previous page
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!doc || page >= count}
          onClick={() => setPage((p) => p + 1)}
        >
          Next page
        </button>
        <span id={statusId} aria-live="polite">
          {doc ? pageText : error ? '' : 'Opening…'}
        </span>
        {count > 1 ? (
          <form className="preview-go-to" onSubmit={onGoTo} noValidate>
            <label htmlFor={goToId}>Go to page</label>
            <input
              id={goToId}
              className={`input input-short${goToError ? ' input-error' : ''}`}
              inputMode="numeric"
              autoComplete="off"
              value={goTo}
              aria-invalid={goToError ? true : undefined}
              aria-describedby={goToError ? `${goToId}-error` : undefined}
              onChange={(e) => setGoTo(e.target.value)}
            />
            <button type="submit" className="button button-secondary button-small">
              Go
            </button>
          </form>
        ) : null}
        <a href={props.url} target="_blank" rel="noreferrer" aria-label={`Open in a new tab: ${props.title}`}>
          Open in a new tab
        </a>
      </div>
      {goToError ? (
        <p id={`${goToId}-error`} className="field-error" role="alert">
          {goToError}
        </p>
      ) : null}
      {doc && props.pageControls ? (
        <div className="preview-page-controls">{props.pageControls(page, count)}</div>
      ) : null}
      {error ? <p className="field-error">{error}</p> : null}
      <canvas
        ref={canvas}
        className={leftOut ? 'preview-left-out' : undefined}
        role="img"
        aria-label={doc ? `${pageText} of ${props.title}` : `Preview of ${props.title}`}
        data-testid="pdf-preview-canvas"
        data-rendered-page={rendered || undefined}
      />
    </div>
  );
}
