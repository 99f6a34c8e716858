/**
 * Sending the latest version by email in parts: its size against the case's part size (a choice of the
 * app's default and the mailbox limits in the rule pack, shared/rules/delivery.ts), a button that splits it
 * (with progress and Stop), and the parts made: each part's cover line, size and email subject line, to
 * open or save.
 */
import { useState } from 'react';
import { call, errorMessage, fileUrl } from '../../api';
import { plural } from '../../copy';
import { Select } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { Errors } from '../../components/Notice';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import type { BundleFileInfo } from '../../../shared/bundle/delivery';
import type { BundleVersion } from '../../../shared/bundle/types';
import type { Case } from '../../../shared/domain/case';
import { formatSize } from '../../../shared/limits';
import { DELIVERY_RULES } from '../../../shared/rules/delivery';

const MB = 1024 * 1024;

/** The sizes offered: the app's default, then the mailbox limits the rule pack gives (with their sources). */
function sizeChoices(current: number | null) {
  const choices = [
    {
      value: String(DELIVERY_RULES.defaultPartSizeMb),
      label: `${DELIVERY_RULES.defaultPartSizeMb} MB (the app’s default)`,
    },
    ...DELIVERY_RULES.mailboxes
      .filter((m) => m.sizeMb !== DELIVERY_RULES.defaultPartSizeMb)
      .map((m) => ({ value: String(m.sizeMb), label: m.label })),
  ];
  const unique = choices.filter((c, i) => choices.findIndex((d) => d.value === c.value) === i);
  if (current !== null && !unique.some((c) => c.value === String(current)))
    unique.push({ value: String(current), label: `${current} MB (this case’s setting)` });
  return unique;
}

export function DeliveryParts(props: {
  caseData: Case;
  version: BundleVersion;
  onMade: () => void;
  reloadCase: () => void;
}) {
  const v = props.version;
  const [sizeMb, setSizeMb] = useState(String(props.caseData.partSizeMb ?? DELIVERY_RULES.defaultPartSizeMb));
  const [made, setMade] = useState<BundleFileInfo[] | null>(null);
  const op = useOperation();
  const announce = useAnnounce();
  const parts = made ?? v.files.filter((f) => f.kind === 'part');
  const limit = Number(sizeMb) * MB;

  async function changeSize(next: string) {
    setSizeMb(next);
    // The part size is the case's setting: kept for next time (and for the command line).
    try {
      await call('cases.update', { caseId: props.caseData.id, fields: { partSizeMb: Number(next) } });
      props.reloadCase();
    } catch (e) {
      op.setError(errorMessage(e));
    }
  }

  async function split() {
    setMade(null);
    const result = await op.run(
      (options) =>
        call('bundle.parts', { caseId: v.caseId, version: v.version, sizeMb: Number(sizeMb) }, options),
      { stopped: 'You stopped splitting the bundle. No parts were saved.' },
    );
    if (!result) return;
    setMade(result);
    announce(`Version ${v.version} is split into ${plural(result.length, 'part')}, each under ${sizeMb} MB.`);
    props.onMade();
  }

  return (
    <section aria-labelledby="parts-heading" className="panel">
      <h2 id="parts-heading">Send by email in parts</h2>
      <p data-testid="parts-size">
        Version {v.version} is {formatSize(v.sizeBytes)}.{' '}
        {v.sizeBytes <= limit
          ? `That fits in one email of ${sizeMb} MB.`
          : `That is more than ${sizeMb} MB, so it needs about ${plural(Math.ceil(v.sizeBytes / limit), 'part')} to send by email.`}{' '}
        Each part keeps the bundle’s page numbers and has its own cover and bookmarks; part 1 says which part
        holds each document.
      </p>
      <Select
        label="Largest part"
        hint={`Check the size your email and the tribunal's mailbox accept. ${DELIVERY_RULES.defaultCitation}`}
        value={sizeMb}
        options={sizeChoices(props.caseData.partSizeMb)}
        onChange={(next) => void changeSize(next)}
      />
      {!v.available ? (
        <p className="muted">The file of version {v.version} is missing, so it cannot be split.</p>
      ) : null}
      <Errors errors={[op.error]} />
      {op.running ? (
        <OperationProgress
          running={op.running}
          progress={op.progress}
          label="Splitting the bundle into parts"
          stopLabel="Stop splitting"
        />
      ) : (
        <button type="button" className="button" disabled={!v.available} onClick={() => void split()}>
          Split version {v.version} into parts under {sizeMb} MB
        </button>
      )}
      {parts.length > 0 ? (
        <div data-testid="parts-result">
          <h3>
            {plural(parts.length, 'part')} of version {v.version}
          </h3>
          <ol className="parts">
            {parts.map((f) => (
              <li key={f.id}>
                <p>
                  {f.details.kind === 'part' ? f.details.coverLine : `Part ${f.part}`}:{' '}
                  <strong>{formatSize(f.sizeBytes)}</strong>, {plural(f.pageCount, 'page')} with its cover.
                </p>
                {f.details.kind === 'part' && f.details.emailSubject ? (
                  <p className="hint">Email subject: {f.details.emailSubject}</p>
                ) : null}
                {f.available ? (
                  <div className="row-actions">
                    <a href={fileUrl({ kind: 'bundleFile', id: f.id })} target="_blank" rel="noreferrer">
                      Open<span className="visually-hidden"> part {f.part}</span>
                    </a>
                    <a href={fileUrl({ kind: 'bundleFile', id: f.id }, { download: true })} download>
                      Save<span className="visually-hidden"> part {f.part}</span>
                    </a>
                  </div>
                ) : (
                  <p className="muted">The file is missing.</p>
                )}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </section>
  );
}
