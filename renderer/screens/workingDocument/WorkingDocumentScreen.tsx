/**
 * The working document editor (#19): the plan's disputed sections, pasted or read from a Word file; each
 * paragraph's proposals (words to delete, words to add, whose they are or agreed, and the evidence each
 * relies on), shown in the key's styles as they will print; the page meter against the 25-page limit as
 * the user types; and numbered, dated versions (DOCX and PDF, the PDF put in section B). Everything typed
 * is kept in the drafts service, so nothing is lost between visits or on a crash.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { CaseScreenProps } from '../../appState';
import { call } from '../../api';
import { Page } from '../../components/Page';
import { ErrorNotice, Success, Warning } from '../../components/Notice';
import { useAction } from '../../hooks/useAction';
import { useDraft } from '../../hooks/useDraft';
import { useLoad } from '../../hooks/useLoad';
import { draftKey } from '../../../shared/api/drafts';
import { formatSize, LIMITS } from '../../../shared/limits';
import { WORKING_DOCUMENT_KEY, keyEntry } from '../../../shared/rules/workingDocument';
import {
  contentFromText,
  paragraphRuns,
  WorkingDocumentContent,
  type Proposal,
  type WdParagraph,
  type WorkingDocumentMeasure,
  type WorkingDocumentVersion,
} from '../../../shared/workingDocument/model';

type Draft = { title: string; sections: WorkingDocumentContent['sections'] };

const EMPTY: Draft = { title: 'Working document', sections: [] };
const MEASURE_AFTER_MS = 600;

function readDraft(stored: unknown): Draft {
  const parsed = WorkingDocumentContent.safeParse(stored);
  if (parsed.success) return parsed.data;
  const loose = stored as Partial<Draft> | null;
  return Array.isArray(loose?.sections) ? { ...EMPTY, ...loose, sections: loose.sections } : EMPTY;
}

let counter = 0;
function newId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter}`;
}

/** The paragraph as it will print: the key's styles on each run. */
function Preview(props: { paragraph: WdParagraph }) {
  const { runs } = paragraphRuns(props.paragraph);
  return (
    <p className="wd-preview">
      {runs.map((run, i) => {
        const k = keyEntry(run.style);
        const style = {
          fontWeight: k.bold ? 700 : undefined,
          fontStyle: k.italic ? 'italic' : undefined,
          textDecoration:
            [k.underline ? 'underline' : '', k.strike ? 'line-through' : ''].join(' ').trim() || undefined,
        };
        return (
          <span key={i} style={style} data-style={run.style}>
            {run.style !== 'original' ? <span className="visually-hidden">[{k.meaning}: </span> : null}
            {run.text}
            {run.style !== 'original' ? <span className="visually-hidden">]</span> : null}
            {run.refs?.length ? <sup>{run.refs.length === 1 ? '†' : '††'}</sup> : null}
          </span>
        );
      })}
    </p>
  );
}

function ProposalFields(props: {
  proposal: Proposal;
  where: string;
  documents: { id: number; title: string; pageCount: number }[];
  onChange: (next: Proposal) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const { proposal: p, where } = props;
  const ref = p.refs[0];
  const setRef = (change: Partial<NonNullable<typeof ref>>) => {
    const next = { ...ref, ...change, text: change.text ?? ref?.text ?? '' };
    props.onChange({ ...p, refs: next.text || next.documentId ? [next] : [] });
  };
  return (
    <fieldset className="wd-proposal">
      <legend>{where}</legend>
      <label htmlFor={`${id}-status`}>Whose change is it?</label>
      <select
        id={`${id}-status`}
        value={p.status}
        onChange={(e) => props.onChange({ ...p, status: e.target.value as Proposal['status'] })}
      >
        <option value="parent">Proposed by the parent or young person</option>
        <option value="la">Proposed by the local authority</option>
        <option value="agreed">Agreed by both</option>
      </select>
      <label htmlFor={`${id}-delete`}>
        Words of the plan to delete (copy them exactly; leave empty to only add)
      </label>
      <input
        id={`${id}-delete`}
        type="text"
        value={p.delete ?? ''}
        onChange={(e) => props.onChange({ ...p, delete: e.target.value || undefined })}
      />
      <label htmlFor={`${id}-insert`}>Words to add</label>
      <textarea
        id={`${id}-insert`}
        rows={2}
        value={p.insert ?? ''}
        onChange={(e) => props.onChange({ ...p, insert: e.target.value || undefined })}
      />
      <label htmlFor={`${id}-ref`}>
        Evidence for it (for example “EP report, Dr Smith, 28/02/2026, p.1, para 5”)
      </label>
      <input
        id={`${id}-ref`}
        type="text"
        value={ref?.text ?? ''}
        onChange={(e) => setRef({ text: e.target.value })}
      />
      <label htmlFor={`${id}-doc`}>Which document is that? (becomes a bundle page reference)</label>
      <select
        id={`${id}-doc`}
        value={ref?.documentId ?? ''}
        onChange={(e) => setRef({ documentId: e.target.value ? Number(e.target.value) : undefined })}
      >
        <option value="">Not one of the case’s documents</option>
        {props.documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
      {ref?.documentId ? (
        <>
          <label htmlFor={`${id}-page`}>Page of that document</label>
          <input
            id={`${id}-page`}
            type="number"
            min={1}
            inputMode="numeric"
            value={ref.pageFrom ?? ''}
            onChange={(e) =>
              setRef({ pageFrom: e.target.value ? Math.max(1, Number(e.target.value)) : undefined })
            }
          />
        </>
      ) : null}
      <p>
        <button type="button" className="button button-secondary button-small" onClick={props.onRemove}>
          Remove this change
        </button>
      </p>
    </fieldset>
  );
}

function Meter(props: { measure: WorkingDocumentMeasure | null; measuring: boolean }) {
  const id = useId();
  const m = props.measure;
  if (!m) return <p role="status">{props.measuring ? 'Counting pages…' : ''}</p>;
  const limit = m.limit ?? 25;
  const over = m.pageCount - limit;
  return (
    <div className="meter" data-testid="wd-meter" data-status={over > 0 ? 'over' : 'ok'}>
      <div id={id}>Working document pages</div>
      <meter
        aria-labelledby={id}
        min={0}
        max={limit}
        value={Math.min(m.pageCount, limit)}
        high={limit * 0.9}
        optimum={0}
      />
      <div role="status" className={over > 0 ? 'meter-over' : undefined}>
        {m.pageCount} of {limit} pages{over > 0 ? `: ${over} over the limit` : ''}
        {props.measuring ? ' (counting…)' : ''}
      </div>
    </div>
  );
}

export function WorkingDocumentScreen(props: CaseScreenProps) {
  const caseId = props.caseData.id;
  const key = draftKey(caseId, 'working-document');
  const draft = useDraft<Draft>(
    key,
    async () => (await call('workingDocument.content', { caseId }))?.content ?? EMPTY,
    readDraft,
  );
  const docs = useLoad(() => call('documents.list', { caseId }), [caseId]);
  const versions = useLoad(() => call('workingDocument.versions', { caseId }), [caseId]);
  const action = useAction();
  const [pasted, setPasted] = useState('');
  const [measure, setMeasure] = useState<WorkingDocumentMeasure | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [made, setMade] = useState<WorkingDocumentVersion | null>(null);
  const value = draft.value;
  const valid = useMemo(() => (value ? WorkingDocumentContent.safeParse(value) : null), [value]);
  const role = props.app.role ?? props.caseData.role;
  const defaultStatus: Proposal['status'] = role === 'la' ? 'la' : 'parent';

  // The page meter: the PDF made and counted a moment after typing stops.
  useEffect(() => {
    if (!valid?.success) return;
    let live = true;
    const timer = setTimeout(() => {
      setMeasuring(true);
      call('workingDocument.measure', { caseId, content: valid.data }).then(
        (m) => live && (setMeasure(m), setMeasuring(false)),
        () => live && setMeasuring(false),
      );
    }, MEASURE_AFTER_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [valid, caseId]);

  if (!value) {
    return (
      <Page title="Working document">
        {draft.error ? <ErrorNotice>{draft.error}</ErrorNotice> : <p role="status">Loading…</p>}
      </Page>
    );
  }
  const documents = (docs.data ?? []).filter((d) => d.kind !== 'working-document');

  const setParagraph = (s: number, p: number, next: WdParagraph) =>
    draft.set({
      ...value,
      sections: value.sections.map((sec, i) =>
        i === s ? { ...sec, paragraphs: sec.paragraphs.map((par, j) => (j === p ? next : par)) } : sec,
      ),
    });

  const importDocx = async (file: File) => {
    // Not read into memory at all when it is far larger than any Word document of a plan.
    if (file.size > LIMITS.importBytes) {
      action.setError(
        `“${file.name}” is ${formatSize(file.size)}, more than the ${formatSize(LIMITS.importBytes)} limit for one file. Choose the Word document (.docx) of the working document or the plan.`,
      );
      return;
    }
    const content = await action.run(
      async () =>
        call('workingDocument.importDocx', {
          file: { name: file.name, data: new Uint8Array(await file.arrayBuffer()) },
        }),
      {
        announce: (c) => `Read ${c.sections.length} sections from ${file.name}.`,
      },
    );
    if (content) draft.set(content);
  };

  const makeVersion = async () => {
    if (!valid?.success) return;
    await draft.flush();
    const version = await action.run(
      () => call('workingDocument.saveVersion', { caseId, content: valid.data }),
      {
        announce: (v) => `Made version ${v.version} of the working document.`,
      },
    );
    if (version) {
      setMade(version);
      versions.reload();
      docs.reload();
    }
  };

  return (
    <Page title="Working document">
      <p>
        The EHC plan’s disputed sections, with each party’s proposed changes marked in the tribunal’s key.
        What you type is kept as you go. Make a version to get the Word document and PDF; the PDF goes into
        section B of the bundle.
      </p>
      <table className="wd-key">
        <caption>The key</caption>
        <thead>
          <tr>
            <th scope="col">Looks like</th>
            <th scope="col">Means</th>
          </tr>
        </thead>
        <tbody>
          {WORKING_DOCUMENT_KEY.map((k) => (
            <tr key={k.style}>
              <td>
                <span
                  style={{
                    fontWeight: k.bold ? 700 : undefined,
                    fontStyle: k.italic ? 'italic' : undefined,
                    textDecoration:
                      [k.underline ? 'underline' : '', k.strike ? 'line-through' : ''].join(' ').trim() ||
                      undefined,
                  }}
                >
                  {k.looks}
                </span>
              </td>
              <td>{k.meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {action.error ? <ErrorNotice>{action.error}</ErrorNotice> : null}
      <p className="muted" role="status" data-testid="wd-draft-state">
        {draft.state === 'saving'
          ? 'Saving…'
          : draft.state === 'saved'
            ? 'All changes kept.'
            : draft.state === 'failed'
              ? `Not kept: ${draft.error}`
              : ''}
      </p>

      {value.sections.length === 0 ? (
        <section aria-labelledby="wd-start">
          <h2 id="wd-start">Start from the plan</h2>
          <label htmlFor="wd-paste">
            Paste the plan’s disputed sections (a line such as “Section F” starts a section)
          </label>
          <textarea id="wd-paste" rows={10} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <p>
            <button
              type="button"
              disabled={!pasted.trim()}
              onClick={() => draft.set(contentFromText(pasted))}
            >
              Use this text
            </button>
          </p>
          <label htmlFor="wd-docx">
            Or read a Word document (.docx): the plan, or the other party’s last version
          </label>
          <input
            id="wd-docx"
            type="file"
            accept=".docx"
            onChange={(e) => e.target.files?.[0] && void importDocx(e.target.files[0])}
          />
        </section>
      ) : (
        <>
          <Meter measure={measure} measuring={measuring} />
          {measure?.problems.length || measure?.notes.length ? (
            <Warning>
              <ul>
                {[...measure.problems, ...measure.notes].map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </Warning>
          ) : null}
          {value.sections.map((section, s) => (
            <section key={s} aria-labelledby={`wd-section-${s}`}>
              <h2 id={`wd-section-${s}`}>{section.heading}</h2>
              {section.paragraphs.map((paragraph, p) => {
                const where = `${section.heading}, paragraph ${p + 1}`;
                return (
                  <div key={paragraph.id} className="wd-paragraph" data-testid={`wd-paragraph-${s}-${p}`}>
                    <h3>Paragraph {p + 1}</h3>
                    <Preview paragraph={paragraph} />
                    {paragraph.proposals.map((proposal, k) => (
                      <ProposalFields
                        key={proposal.id}
                        proposal={proposal}
                        where={`Change ${k + 1} to ${where}`}
                        documents={documents}
                        onChange={(next) =>
                          setParagraph(s, p, {
                            ...paragraph,
                            proposals: paragraph.proposals.map((q, i) => (i === k ? next : q)),
                          })
                        }
                        onRemove={() =>
                          setParagraph(s, p, {
                            ...paragraph,
                            proposals: paragraph.proposals.filter((_, i) => i !== k),
                          })
                        }
                      />
                    ))}
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Propose a change to ${where}`}
                      onClick={() =>
                        setParagraph(s, p, {
                          ...paragraph,
                          proposals: [
                            ...paragraph.proposals,
                            { id: newId('c'), status: defaultStatus, refs: [], insert: '' },
                          ],
                        })
                      }
                    >
                      Propose a change
                    </button>
                  </div>
                );
              })}
            </section>
          ))}
          <section aria-labelledby="wd-make">
            <h2 id="wd-make">Make a version</h2>
            {!valid?.success ? (
              <p>Each change needs words to add or to delete before a version can be made.</p>
            ) : null}
            <p>
              <button
                type="button"
                disabled={!valid?.success || action.busy}
                onClick={() => void makeVersion()}
              >
                Make version {(versions.data?.length ?? 0) + 1}
              </button>
            </p>
            {made ? (
              <Success title={`Version ${made.version} made`}>
                <p data-testid="wd-result">
                  {made.pageCount} {made.pageCount === 1 ? 'page' : 'pages'}, dated {made.date}. The PDF is
                  now the working document in section B of the bundle. Word document: {made.docxPath}
                </p>
              </Success>
            ) : null}
          </section>
        </>
      )}
      {versions.data?.length ? (
        <section aria-labelledby="wd-versions">
          <h2 id="wd-versions">Versions</h2>
          <ol>
            {versions.data.map((v) => (
              <li key={v.version}>
                Version {v.version}, {v.date}, {v.pageCount} {v.pageCount === 1 ? 'page' : 'pages'}
                <ul>
                  {v.changes.map((c, i) => (
                    <li key={i}>
                      {c.where}: {c.what}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Page>
  );
}
