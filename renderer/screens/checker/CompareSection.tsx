/**
 * Compare two copies of a bundle (on the checker's screen): your copy and theirs, from any source. The
 * comparison service says whether they are the same and, if not, where they differ, in words; the answer
 * can be saved as a PDF report to send to the tribunal.
 */
import { useState } from 'react';
import { call } from '../../api';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success, Warning } from '../../components/Notice';
import { FileButton } from '../../components/FileButton';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import type { CompareFinding, CompareResult, CompareSide } from '../../../shared/bundle/compare';
import { describeEncryption } from '../../../shared/checker/encryption';
import { LIMITS, tooLargeMessage } from '../../../shared/limits';

type Chosen = { name: string; data: Uint8Array<ArrayBuffer> };

function FilePicker(props: {
  id: string;
  label: string;
  chosen: Chosen | null;
  disabled: boolean;
  onChoose: (file: File) => void;
}) {
  return (
    <div className="field">
      <FileButton
        id={props.id}
        accept=".pdf,application/pdf"
        className="button button-secondary"
        disabled={props.disabled}
        onFiles={([file]) => {
          if (file) props.onChoose(file);
        }}
      >
        {props.label}
      </FileButton>{' '}
      <span data-testid={`${props.id}-name`}>{props.chosen ? props.chosen.name : 'No file chosen yet'}</span>
    </div>
  );
}

function SideRow(props: { who: string; side: CompareSide }) {
  const s = props.side;
  return (
    <div className="summary-row">
      <dt>{props.who}</dt>
      <dd>
        {s.fileName}: {s.pageCount} pages, fingerprint {s.fingerprint}
        {s.statedFingerprint
          ? s.statedFingerprint === s.fingerprint
            ? ' (as printed on its cover)'
            : ` (its cover says ${s.statedFingerprint}: it was changed after it was built)`
          : ''}
        {s.encryption.encrypted ? `; ${describeEncryption(s.encryption)}` : ''}
        {s.damage ? `; damaged (${s.damage})` : ''}
      </dd>
    </div>
  );
}

function Finding(props: { finding: CompareFinding }) {
  const f = props.finding;
  return (
    <li data-code={f.code}>
      {f.message}
      {f.lines?.length ? (
        <ul>
          {f.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function CompareSection() {
  const [yours, setYours] = useState<Chosen | null>(null);
  const [theirs, setTheirs] = useState<Chosen | null>(null);
  const op = useOperation();
  const [result, setResult] = useState<CompareResult | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const announce = useAnnounce();

  async function choose(file: File, set: (c: Chosen) => void) {
    setResult(null);
    setSaved(null);
    if (file.size > LIMITS.uploadBytes) {
      op.setError(tooLargeMessage(file.name, file.size, LIMITS.uploadBytes));
      return;
    }
    op.setError(null);
    set({ name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
  }

  async function run(report: boolean) {
    if (!yours || !theirs || op.running) return;
    setSaved(null);
    if (!report) setResult(null);
    const input = { files: [yours, theirs] as [Chosen, Chosen] };
    const messages = {
      stopped: 'You stopped the comparison.',
      start: { message: `Reading ${yours.name}`, done: 0, total: 1 },
    };
    if (report) {
      const written = await op.run((options) => call('checker.compareReport', input, options), messages);
      if (!written) return;
      setResult(written.result);
      setSaved(written.pdfPath);
      announce('The comparison report is saved.');
    } else {
      const compared = await op.run((options) => call('checker.compare', input, options), messages);
      if (!compared) return;
      setResult(compared);
      announce(compared.verdict);
    }
  }

  const differences = result?.findings.filter((f) => f.severity === 'difference') ?? [];
  const notes = result?.findings.filter((f) => f.severity === 'note') ?? [];
  return (
    <section aria-labelledby="compare-heading" className="panel">
      <h2 id="compare-heading">Compare two copies of a bundle</h2>
      <p>
        Check that the bundle you hold is the one the tribunal and the other side hold. Choose your copy and
        theirs (from this app or any other): the app matches the pages by what they say and show and by their
        page numbers, and says where they differ, for example “your page 131 is their page 136”.
      </p>
      <FilePicker
        id="compare-yours"
        label="Choose your copy"
        chosen={yours}
        disabled={op.running !== null}
        onChoose={(f) => void choose(f, setYours)}
      />
      <FilePicker
        id="compare-theirs"
        label="Choose their copy"
        chosen={theirs}
        disabled={op.running !== null}
        onChoose={(f) => void choose(f, setTheirs)}
      />
      <button
        type="button"
        className="button"
        disabled={!yours || !theirs || op.running !== null}
        onClick={() => void run(false)}
      >
        Compare the two copies
      </button>
      <OperationProgress {...op} label="Comparing the two copies" stopLabel="Stop comparing" />
      {op.error ? <ErrorNotice>{op.error}</ErrorNotice> : null}
      {result ? (
        <div data-testid="compare-result">
          <h3>What the comparison found</h3>
          {result.same ? (
            <Success>
              <span data-testid="compare-verdict">{result.verdict}</span>
            </Success>
          ) : (
            <Warning>
              <span data-testid="compare-verdict">{result.verdict}</span>
            </Warning>
          )}
          <dl className="summary-list">
            <SideRow who="Yours" side={result.yours} />
            <SideRow who="Theirs" side={result.theirs} />
          </dl>
          {differences.length > 0 ? (
            <>
              <h4>Differences ({differences.length})</h4>
              <ul className="findings">
                {differences.map((f, i) => (
                  <Finding key={`${f.code}-${i}`} finding={f} />
                ))}
              </ul>
            </>
          ) : null}
          {notes.length > 0 ? (
            <>
              <h4>Notes ({notes.length})</h4>
              <ul className="findings">
                {notes.map((f, i) => (
                  <Finding key={`${f.code}-${i}`} finding={f} />
                ))}
              </ul>
            </>
          ) : null}
          <button
            type="button"
            className="button button-secondary"
            disabled={op.running !== null}
            onClick={() => void run(true)}
          >
            Save the comparison as a PDF report
          </button>
          {saved ? (
            <Success>
              The report is saved as <span data-testid="compare-report-path">{saved}</span>. You can send it
              to the tribunal.
            </Success>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
