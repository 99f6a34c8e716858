/**
 * Adding files: a button and a drop area. Files are read as bytes here and sent to documents.import one at
 * a time, so each file gets its own result (added, already there, or why not) and the user can stop.
 */
import { useState, type DragEvent } from 'react';
import { ApiError, call, errorMessage, type ProgressEvent } from '../../api';
import { documentKindOptions, plural } from '../../copy';
import { Checkbox, Select } from '../../components/Form';
import { useLoad } from '../../hooks/useLoad';
import { useAnnounce } from '../../components/Live';
import { FileButton } from '../../components/FileButton';
import { OperationProgress } from '../../components/ProgressBar';
import { type DocumentKind, type ImportOutcome } from '../../../shared/domain/documents';
import type { SectionView } from './sections';
import { LIMITS, tooLargeMessage } from '../../../shared/limits';
import type { Proceeding } from '../../../shared/rules/proceedings';

interface OutcomeView {
  key: string;
  status: 'imported' | 'unpacked' | 'duplicate' | 'refused' | 'cancelled';
  text: string;
  /** What import had to do to the file (repaired, pages made pictures, content left out), in its words. */
  notes?: string[];
}

function describe(outcome: ImportOutcome): OutcomeView {
  switch (outcome.status) {
    case 'imported':
      return {
        key: `${outcome.file}-${outcome.documentId}`,
        status: 'imported',
        text: `Added “${outcome.file}” (${plural(outcome.pageCount, 'page')}).`,
        notes: outcome.notes,
      };
    case 'duplicate':
      return { key: `${outcome.file}-dup`, status: 'duplicate', text: outcome.reason };
    case 'refused':
      return { key: `${outcome.file}-refused`, status: 'refused', text: outcome.reason };
    case 'unpacked':
      return {
        key: `${outcome.file}-unpacked`,
        status: 'unpacked',
        text: `“${outcome.file}” is a zip archive: its files follow.`,
        notes: outcome.notes,
      };
  }
}

const STATUS_LABEL: Record<OutcomeView['status'], string> = {
  imported: 'Added',
  unpacked: 'Opened',
  duplicate: 'Already here',
  refused: 'Not added',
  cancelled: 'Stopped',
};

export function AddDocuments(props: {
  caseId: number;
  sections: SectionView[];
  proceeding: Proceeding;
  defaultSection: string;
  /** After an import: the documents added, in the order they were added. */
  onChanged: (added: number[]) => void;
}) {
  const [section, setSection] = useState(props.defaultSection);
  const [kind, setKind] = useState<DocumentKind>('other');
  const [running, setRunning] = useState<AbortController | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [outcomes, setOutcomes] = useState<OutcomeView[]>([]);
  const [dragActive, setDragActive] = useState(false);
  const announce = useAnnounce();
  // "Make scans searchable": the app's setting (on unless turned off), shown and changed here.
  const info = useLoad(() => call('app.info', {}), []);
  const [searchableChoice, setSearchableChoice] = useState<boolean | null>(null);
  const searchable = searchableChoice ?? info.data?.makeScansSearchable ?? true;

  function chooseSearchable(enabled: boolean) {
    setSearchableChoice(enabled);
    call('settings.setMakeScansSearchable', { enabled }).catch(() => {
      // Still applies to the files added now; the setting is asked for again next time.
    });
  }

  async function importFiles(files: File[]) {
    if (files.length === 0 || running) return;
    const controller = new AbortController();
    setRunning(controller);
    setOutcomes([]);
    const results: OutcomeView[] = [];
    const added: number[] = [];
    const total = files.length * 100;
    for (const [i, file] of files.entries()) {
      if (controller.signal.aborted) {
        results.push({
          key: `${file.name}-${i}-stop`,
          status: 'cancelled',
          text: `“${file.name}” was not added: you stopped.`,
        });
        continue;
      }
      // Over the limit: said at once, before anything is read or sent.
      if (file.size > LIMITS.importBytes) {
        results.push({
          key: `${file.name}-${i}-size`,
          status: 'refused',
          text: tooLargeMessage(file.name, file.size, LIMITS.importBytes),
        });
        setOutcomes([...results]);
        continue;
      }
      setProgress({ message: `Reading ${file.name}`, done: i * 100, total });
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        const out = await call(
          'documents.import',
          { caseId: props.caseId, section, kind, files: [{ name: file.name, data }], ocr: searchable },
          {
            signal: controller.signal,
            onProgress: (p) =>
              setProgress({
                message: p.message,
                done: i * 100 + Math.round((100 * p.done) / Math.max(1, p.total)),
                total,
              }),
          },
        );
        results.push(...out.map(describe));
        for (const outcome of out) if (outcome.status === 'imported') added.push(outcome.documentId);
      } catch (e) {
        const cancelled = e instanceof ApiError && e.code === 'cancelled';
        results.push({
          key: `${file.name}-${i}-error`,
          status: cancelled ? 'cancelled' : 'refused',
          text: cancelled
            ? `“${file.name}” was not added: you stopped.`
            : `“${file.name}”: ${errorMessage(e)}`,
        });
      }
      setOutcomes([...results]);
    }
    setRunning(null);
    setProgress(null);
    const failed = results.filter((r) => r.status === 'refused').length;
    announce(
      `${plural(added.length, 'file')} added.${failed ? ` ${plural(failed, 'file')} could not be added: see the list.` : ''}`,
    );
    props.onChanged(added);
  }

  function onDrop(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragActive(false);
    void importFiles([...event.dataTransfer.files]);
  }

  function onDragOver(event: DragEvent) {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragActive(true);
  }

  return (
    <section className="panel" aria-labelledby="add-heading">
      <h2 id="add-heading">Add documents</h2>
      <p>
        Add PDF files, photos, scans or screenshots (JPEG, PNG, HEIC, AVIF, TIFF, WebP, GIF or BMP), Word,
        OpenDocument or RTF documents, text files (a chat exported from a phone, or a call&apos;s transcript
        from Teams or Zoom), WhatsApp chats exported with their media (.zip), web pages saved from a browser,
        or emails saved from a mail program (.eml) or dragged out of Outlook (.msg). An email&apos;s
        winmail.dat (how Outlook sometimes sends attached files) and a zip archive of files (a folder
        downloaded as one) can be added too: the files inside them are taken out. The app makes a clean copy
        of each one and keeps it on this computer.
      </p>
      <div className="cards">
        <Select
          label="Which part of the bundle are they for?"
          value={section}
          options={props.sections.map((s) => ({ value: s.letter, label: `Section ${s.letter}: ${s.title}` }))}
          onChange={setSection}
        />
        <Select
          label="What kind of documents are they?"
          hint="You can change this for each document later."
          value={kind}
          options={documentKindOptions(props.proceeding)}
          onChange={setKind}
        />
      </div>
      <Checkbox
        label="Make scans searchable"
        hint="Reads the words in scans and photos on this computer, after they are added, so they can be searched and copied. The pages look the same."
        checked={searchable}
        onChange={chooseSearchable}
      />
      <div
        className={`drop-zone${dragActive ? ' active' : ''}`}
        onDragOver={onDragOver}
        onDragLeave={() => setDragActive(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>Drag files here and drop them, or:</p>
        <FileButton
          id="evidence-files"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,.avif,.tif,.tiff,.webp,.gif,.bmp,.docx,.doc,.odt,.rtf,.txt,.md,.vtt,.srt,.zip,.eml,.msg,.dat,.mhtml,.mht,.html,.htm,.webarchive,application/pdf,image/jpeg,image/png,image/heic,image/heif,image/avif,image/tiff,image/webp,image/gif,image/bmp,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/msword,application/vnd.oasis.opendocument.text,application/rtf,text/rtf,text/plain,text/markdown,text/vtt,application/zip,message/rfc822,application/vnd.ms-outlook,application/ms-tnef,multipart/related,text/html,application/x-webarchive"
          disabled={running !== null}
          onFiles={(files) => void importFiles(files)}
        >
          Choose files
        </FileButton>
      </div>
      <OperationProgress
        running={running}
        progress={progress}
        label="Adding your files"
        stopLabel="Stop adding files"
      />
      <div role="status" aria-live="polite">
        {outcomes.length > 0 ? (
          <>
            <h3>What happened to each file</h3>
            <ul className="outcomes" data-testid="import-outcomes">
              {outcomes.map((o) => (
                <li key={o.key} className={`outcome outcome-${o.status}`} data-status={o.status}>
                  <strong>{STATUS_LABEL[o.status]}: </strong>
                  {o.text}
                  {o.notes?.map((note) => (
                    <span key={note} className="outcome-note">
                      {note}
                    </span>
                  ))}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
