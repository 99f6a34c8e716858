/**
 * After import: the person checks each new document's title, date and author (prefilled with what import
 * found in the file) before it goes in the index. One document at a time. When a bundle version has
 * already been sent, a document added now is offered as late evidence.
 */
import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { formatDate } from '../../copy';
import { DateInput, dateInputPartId } from '../../components/DateInput';
import { ErrorSummary, type FieldProblem } from '../../components/ErrorSummary';
import { Checkbox, TextField } from '../../components/Form';
import { unprintableWarning } from '../../../shared/text/fallbackFonts';
import { Errors } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { dateEntryFromIso, readDateEntry, type DateEntry } from '../../../shared/dates/entry';
import type { BundleVersion } from '../../../shared/bundle/types';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { notTooLong } from '../../fieldChecks';
import { TEXT_MAX } from '../../../shared/domain/case';

interface Answers {
  title: string;
  date: DateEntry;
  author: string;
  late: boolean;
}

export function ConfirmDetails(props: {
  docs: DocumentRecord[];
  /** The latest version marked as sent, if any: documents added after it are offered as late evidence. */
  sent: BundleVersion | null;
  onSaved: (doc: DocumentRecord) => void;
}) {
  const doc = props.docs[0];
  if (!doc) return null;
  // A fresh form for each document.
  return (
    <ConfirmOne key={doc.id} doc={doc} count={props.docs.length} sent={props.sent} onSaved={props.onSaved} />
  );
}

function ConfirmOne(props: {
  doc: DocumentRecord;
  count: number;
  sent: BundleVersion | null;
  onSaved: (doc: DocumentRecord) => void;
}) {
  const { doc, sent } = props;
  const addedAfterSending = sent !== null && doc.createdAt > sent.createdAt;
  const [answers, setAnswers] = useState<Answers>({
    title: doc.title,
    date: dateEntryFromIso(doc.documentDate),
    author: doc.author ?? '',
    late: doc.late || addedAfterSending,
  });
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const action = useAction();
  const id = `confirm-${doc.id}`;
  const set = (patch: Partial<Answers>) => setAnswers({ ...answers, ...patch });
  const dateRead = readDateEntry(answers.date, { what: 'the date of the document' });

  async function save(event: FormEvent) {
    event.preventDefault();
    const found: FieldProblem[] = [];
    if (!answers.title.trim())
      found.push({ fieldId: `${id}-title`, message: 'Enter a title for the document' });
    found.push(
      ...notTooLong(answers.title, `${id}-title`, 'The title', TEXT_MAX.title),
      ...notTooLong(answers.author, `${id}-author`, 'Who wrote it', TEXT_MAX.name),
    );
    if (!dateRead.ok)
      found.push({ fieldId: dateInputPartId(`${id}-date`, dateRead.parts[0]), message: dateRead.message });
    setProblems(found);
    if (found.length > 0 || !dateRead.ok) return;
    const saved = await action.run(
      () =>
        call('documents.update', {
          documentId: doc.id,
          details: {
            title: answers.title.trim(),
            documentDate: dateRead.iso,
            author: answers.author.trim() || null,
            late: answers.late,
            detailsConfirmed: true,
          },
        }),
      { announce: (d) => `Saved the details of “${d.title}”.` },
    );
    if (saved) props.onSaved(saved);
  }

  const titleHint =
    doc.suggestedTitle && doc.suggestedTitle === doc.title
      ? 'The app found this title in the document. This is how it appears in the bundle’s index.'
      : 'This is how it appears in the bundle’s index.';
  const dateHint = doc.suggestedDate
    ? `The app found ${formatDate(doc.suggestedDate)} on the first page. Change it if that is not the document’s date.`
    : 'The date on the document, if it has one. Leave it empty if it has none.';

  return (
    <section
      className="panel panel-highlight"
      aria-labelledby={`${id}-heading`}
      data-testid="confirm-details"
    >
      <h2 id={`${id}-heading`}>
        Check the details of “{doc.originalName}”
        {props.count > 1 ? <span className="caption-inline"> (1 of {props.count} new documents)</span> : null}
      </h2>
      <form onSubmit={save} noValidate aria-labelledby={`${id}-heading`}>
        <ErrorSummary problems={problems} />
        <Errors errors={[action.error]} />
        {addedAfterSending ? (
          <div className="notice notice-info" data-testid="late-evidence-offer">
            <p>
              Version {sent.version} of the bundle has been sent. A document added now is late evidence: it
              goes in as a late insert (page numbers like 12a, 12b), and the tribunal must agree to it. You
              can ask with the late evidence request on the Letters screen.
            </p>
            <Checkbox
              label="This is late evidence"
              hint="Untick it if the tribunal already has this document."
              checked={answers.late}
              onChange={(late) => set({ late })}
            />
          </div>
        ) : null}
        <TextField
          id={`${id}-title`}
          label="Title"
          hint={titleHint}
          error={problems.find((p) => p.fieldId === `${id}-title`)?.message}
          warning={unprintableWarning(answers.title)}
          value={answers.title}
          onChange={(title) => set({ title })}
        />
        <DateInput
          id={`${id}-date`}
          label="Date of the document (optional)"
          hint={dateHint}
          error={problems.find((p) => p.fieldId.startsWith(`${id}-date`))?.message}
          errorParts={!dateRead.ok ? dateRead.parts : undefined}
          value={answers.date}
          onChange={(date) => set({ date })}
        />
        <TextField
          id={`${id}-author`}
          label="Who wrote it? (optional)"
          hint="A person or an organisation."
          error={problems.find((p) => p.fieldId === `${id}-author`)?.message}
          value={answers.author}
          onChange={(author) => set({ author })}
        />
        <div className="actions">
          <button type="submit" className="button" disabled={action.busy}>
            {props.count > 1 ? 'Save and check the next one' : 'Save these details'}
          </button>
        </div>
      </form>
    </section>
  );
}
