/**
 * Evidence: add documents, see them per section, reorder (drag, or Move up/down buttons and Alt+Arrow
 * keys, announced in the live region), edit details, include or leave out, preview, remove. Warns, by
 * name, of documents whose stored file changed since it was added or is missing (useStoredFileCheck.ts).
 */
import { useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api';
import { CASE_COPY, plural } from '../../copy';
import { useAnnounce } from '../../components/Live';
import { Errors } from '../../components/Notice';
import { Page } from '../../components/Page';
import { ProgressBar } from '../../components/ProgressBar';
import { useLoad } from '../../hooks/useLoad';
import { useOcrJobs } from '../../hooks/useOcrJobs';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { pagesUsed } from '../../../shared/domain/pageSelection';
import { proceedingOf } from '../../../shared/rules/proceedings';
import type { CaseScreenProps } from '../../appState';
import { AddDocuments } from './AddDocuments';
import { ConfirmDetails } from './ConfirmDetails';
import { confirmationOrder } from './confirmationOrder';
import { DocumentItem, type FocusRequest } from './DocumentItem';
import { moveId } from './order';
import { defaultSectionFor, sectionsFor } from './sections';
import { StoredFileWarning } from './StoredFileWarning';
import { useStoredFileCheck } from './useStoredFileCheck';

export function EvidenceScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const proceeding = proceedingOf(c.appealType);
  const loaded = useLoad(() => call('documents.list', { caseId: c.id }), [c.id]);
  // A local copy, so a move shows at once; replaced whenever the list is loaded again.
  const [docs, setDocs] = useState<DocumentRecord[]>([]);
  const [loadedFrom, setLoadedFrom] = useState<DocumentRecord[] | undefined>(undefined);
  if (loaded.data !== loadedFrom) {
    setLoadedFrom(loaded.data);
    if (loaded.data) setDocs(loaded.data);
  }
  const [error, setError] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [dragging, setDragging] = useState<number | null>(null);
  const [removed, setRemoved] = useState<DocumentRecord | null>(null);
  const versions = useLoad(() => call('bundle.versions', { caseId: c.id }), [c.id]);
  const sent = [...(versions.data ?? [])].sort((a, b) => b.version - a.version).find((v) => v.issued) ?? null;
  // What was just added is what the person has in mind: asked for first, in the order it was added.
  const [justAdded, setJustAdded] = useState<number[]>([]);
  const unconfirmed = confirmationOrder(
    docs.filter((d) => !d.detailsConfirmed),
    justAdded,
  );
  const announce = useAnnounce();
  const list = useRef<HTMLDivElement>(null);
  // Stored files changed or missing since they were added: checked on opening and after each change.
  const stored = useStoredFileCheck(c.id);
  // Text recognition runs in the background (after an import, or from a document's button).
  const ocr = useOcrJobs(c.id, (job) => {
    loaded.reload();
    // A searchable copy is the file bundles use from now on.
    if (job.state === 'done') stored.recheck();
    if (job.state === 'done' || job.state === 'failed') announce(job.message);
  });

  // After a move, put focus back on the button that was used (or its twin when it became disabled).
  useEffect(() => {
    if (!focus || !list.current) return;
    const item = list.current.querySelector<HTMLElement>(`[data-doc-id="${focus.docId}"]`);
    const wanted = item?.querySelector<HTMLButtonElement>(`[data-action="${focus.action}"]:not(:disabled)`);
    const fallback = item?.querySelector<HTMLButtonElement>('[data-action^="move-"]:not(:disabled)');
    (wanted ?? fallback ?? item)?.focus();
    setFocus(null);
  }, [focus, docs]);

  const sections = sectionsFor(c, [...new Set(docs.map((d) => d.section))]);
  const bySection = (letter: string) =>
    docs.filter((d) => d.section === letter).sort((a, b) => a.position - b.position);

  async function reorder(
    section: string,
    ids: number[],
    moved: DocumentRecord,
    focusAction?: FocusRequest['action'],
  ) {
    const before = docs;
    const position = ids.indexOf(moved.id) + 1;
    // Show the new order at once; the service confirms it (or we put the old order back).
    setDocs((current) =>
      current.map((d) => (d.section === section ? { ...d, position: ids.indexOf(d.id) + 1 } : d)),
    );
    if (focusAction) setFocus({ docId: moved.id, action: focusAction });
    try {
      const saved = await call('documents.reorder', { caseId: c.id, section, documentIds: ids });
      setDocs((current) => [...current.filter((d) => d.section !== section), ...saved]);
      announce(`Moved “${moved.title}” to position ${position} of ${ids.length} in section ${section}.`);
    } catch (e) {
      setDocs(before);
      setError(errorMessage(e));
    }
  }

  function move(doc: DocumentRecord, by: -1 | 1) {
    const ids = bySection(doc.section).map((d) => d.id);
    const from = ids.indexOf(doc.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    void reorder(doc.section, moveId(ids, from, to), doc, by < 0 ? 'move-up' : 'move-down');
  }

  function dropOn(target: DocumentRecord) {
    const dragged = docs.find((d) => d.id === dragging);
    setDragging(null);
    if (!dragged || dragged.id === target.id || dragged.section !== target.section) return;
    const ids = bySection(target.section).map((d) => d.id);
    void reorder(target.section, moveId(ids, ids.indexOf(dragged.id), ids.indexOf(target.id)), dragged);
  }

  async function update(
    doc: DocumentRecord,
    patch: { included?: boolean; keptPages?: number[] | null },
    done?: string,
  ) {
    setError(null);
    // The tick shows at once; the saved record replaces it (or the old one comes back on failure).
    setDocs((current) => current.map((d) => (d.id === doc.id ? { ...d, ...patch } : d)));
    try {
      const saved = await call('documents.update', { documentId: doc.id, details: patch });
      setDocs((current) => current.map((d) => (d.id === saved.id ? saved : d)));
      if (patch.included !== undefined) {
        announce(`“${doc.title}” is ${patch.included ? 'now in' : 'now left out of'} the bundle.`);
      }
      if (done) announce(done);
    } catch (e) {
      setDocs((current) => current.map((d) => (d.id === doc.id ? doc : d)));
      setError(errorMessage(e));
    }
  }

  async function remove(doc: DocumentRecord) {
    setError(null);
    try {
      await call('documents.remove', { documentId: doc.id });
      setRemoved(doc);
      announce(`Removed “${doc.title}”. You can undo this.`);
      loaded.reload();
      stored.recheck();
      props.reloadCase();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function undoRemove() {
    if (!removed) return;
    setError(null);
    try {
      const back = await call('documents.restore', { documentId: removed.id });
      setRemoved(null);
      announce(`“${back.title}” is back in section ${back.section}.`);
      loaded.reload();
      stored.recheck();
      props.reloadCase();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Page title="Evidence">
      <p>{CASE_COPY[proceeding].evidenceIntro}</p>
      <StoredFileWarning
        problems={stored.problems}
        onRemove={(problem) => {
          const doc = docs.find((d) => d.id === problem.documentId);
          if (doc) void remove(doc);
        }}
      />
      {stored.progress ? (
        <ProgressBar label="Checking the documents’ files" progress={stored.progress} />
      ) : null}
      <AddDocuments
        caseId={c.id}
        proceeding={proceeding}
        sections={sections}
        defaultSection={defaultSectionFor(c, props.app.role ?? c.role)}
        onChanged={(added) => {
          setJustAdded(added);
          setRemoved(null);
          loaded.reload();
          ocr.refresh();
          stored.recheck();
          versions.reload();
          props.reloadCase();
        }}
      />
      <Errors errors={[loaded.error, error, ocr.error, stored.error]} />
      {removed ? (
        <div className="notice notice-info" role="status" data-testid="removed-notice">
          <p>Removed “{removed.title}” from this case. The file on your computer is not changed.</p>
          <button type="button" className="button button-secondary button-small" onClick={undoRemove}>
            Undo<span className="visually-hidden">: put “{removed.title}” back</span>
          </button>
        </div>
      ) : null}
      <ConfirmDetails
        docs={unconfirmed}
        sent={sent}
        onSaved={(saved) => {
          setDocs((current) => current.map((d) => (d.id === saved.id ? saved : d)));
          props.reloadCase();
        }}
      />
      <p className="muted" id="reorder-help">
        To change the order, use the Move up and Move down buttons, press Alt and the up or down arrow key on
        a document, or drag a document by its handle.
      </p>
      <div ref={list}>
        {sections.map((s) => {
          const items = bySection(s.letter);
          const pages = items.filter((d) => d.included).reduce((sum, d) => sum + pagesUsed(d), 0);
          return (
            <section key={s.letter} aria-labelledby={`section-${s.letter}`} data-section={s.letter}>
              <h2 id={`section-${s.letter}`}>
                Section {s.letter}: {s.title}
              </h2>
              {s.contents ? <p className="muted">{s.contents}</p> : null}
              {items.length === 0 ? (
                <p>No documents yet.</p>
              ) : (
                <>
                  <p>
                    {plural(items.length, 'document')}, {plural(pages, 'page')} in the bundle.
                  </p>
                  <ol
                    className="doc-list"
                    aria-labelledby={`section-${s.letter}`}
                    aria-describedby="reorder-help"
                  >
                    {items.map((doc, i) => (
                      <DocumentItem
                        key={doc.id}
                        doc={doc}
                        index={i}
                        count={items.length}
                        sections={sections}
                        proceeding={proceeding}
                        dragging={dragging}
                        onDragStart={() => setDragging(doc.id)}
                        onDragEnd={() => setDragging(null)}
                        onDrop={() => dropOn(doc)}
                        onMove={(by) => move(doc, by)}
                        onInclude={(included) => update(doc, { included })}
                        onChoosePages={(keptPages, done) => update(doc, { keptPages }, done)}
                        onRemove={() => remove(doc)}
                        onSaved={(saved) => {
                          setDocs((current) => current.map((d) => (d.id === saved.id ? saved : d)));
                          if (saved.section !== doc.section) loaded.reload();
                          announce(`Saved the details of “${saved.title}”.`);
                        }}
                        onHiddenWordsTakenOut={(changed) =>
                          setDocs((current) => current.map((d) => (d.id === changed.id ? changed : d)))
                        }
                        ocr={ocr.byDocument.get(doc.id)}
                        storedProblem={stored.problems.find((p) => p.documentId === doc.id)?.problem}
                        onRecognise={() => void ocr.start([doc.id])}
                        onStopRecognising={() => void ocr.cancel(doc.id)}
                      />
                    ))}
                  </ol>
                </>
              )}
            </section>
          );
        })}
      </div>
    </Page>
  );
}
