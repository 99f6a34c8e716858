/**
 * Import a case from an export file (.zip). A case already in the app is never overwritten without asking:
 * the person chooses to add it as a separate copy or to replace the one here.
 */
import { useState } from 'react';
import { ApiError, call } from '../../api';
import { plural } from '../../copy';
import { Radios } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Success } from '../../components/Notice';
import { Page } from '../../components/Page';
import { FileButton } from '../../components/FileButton';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import { caseHref } from '../../router';
import type { CaseImportResult } from '../../../shared/domain/case';

type Choice = 'copy' | 'replace';

export function ImportScreen() {
  const [file, setFile] = useState<File | null>(null);
  const op = useOperation();
  const [done, setDone] = useState<CaseImportResult | null>(null);
  const [conflict, setConflict] = useState<{ existingCaseId: number; message: string } | null>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const announce = useAnnounce();

  async function run(chosen: File, options: { asCopy?: boolean; replaceCaseId?: number } = {}) {
    setDone(null);
    const result = await op.run(
      async (callOptions) => {
        const data = new Uint8Array(await chosen.arrayBuffer());
        return call('cases.import', { file: { name: chosen.name, data }, ...options }, callOptions);
      },
      {
        stopped: 'You stopped the import. Nothing was changed.',
        start: { message: `Reading ${chosen.name}`, done: 0, total: 1 },
        onError: (e) => {
          if (!(e instanceof ApiError && e.code === 'conflict')) return false;
          const details = e.details as { existingCaseId?: number } | undefined;
          if (!details?.existingCaseId) return false;
          setConflict({ existingCaseId: details.existingCaseId, message: e.message });
          return true;
        },
      },
    );
    if (!result) return;
    setConflict(null);
    setDone(result);
    announce(`Imported “${result.case.title}”.`);
  }

  function choose(chosen: File | undefined) {
    if (!chosen || op.running) return;
    setFile(chosen);
    setConflict(null);
    setChoice(null);
    void run(chosen);
  }

  return (
    <Page title="Import a case">
      <p>
        Choose a case export file (it ends in .zip) made by SEND Bundle Builder on this or another computer.
        The case, its documents, bundles and letters are added to your cases.
      </p>
      {op.error ? <ErrorNotice>{op.error}</ErrorNotice> : null}
      {op.running ? (
        <OperationProgress {...op} label="Importing the case" stopLabel="Stop importing" />
      ) : (
        <div className="actions">
          <FileButton id="import-file" accept=".zip,application/zip" onFiles={(files) => choose(files[0])}>
            Choose a case export file
          </FileButton>
        </div>
      )}
      {conflict && file ? (
        <form
          className="panel"
          aria-labelledby="conflict-heading"
          data-testid="import-conflict"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!choice) return;
            void run(file, choice === 'copy' ? { asCopy: true } : { replaceCaseId: conflict.existingCaseId });
          }}
        >
          <h2 id="conflict-heading">This case is already here</h2>
          <p>{conflict.message}</p>
          <Radios<Choice>
            name="import-choice"
            label="What do you want to do?"
            choices={[
              { value: 'copy', label: 'Add it as a separate copy', hint: 'The case here stays as it is.' },
              {
                value: 'replace',
                label: 'Replace the case here with the one in the file',
                hint: 'Changes made here since the export was made are lost.',
              },
            ]}
            value={choice}
            onChange={setChoice}
          />
          <button type="submit" className="button" disabled={!choice}>
            Import
          </button>
        </form>
      ) : null}
      {done ? (
        <div data-testid="import-result">
          <Success title={`Imported “${done.case.title}”`}>
            <p>
              {plural(done.documents, 'document')}, {plural(done.bundles, 'bundle')},{' '}
              {plural(done.letters, 'letter')}.
              {done.replacedCaseId ? ' It replaced the case that was here.' : ''}
            </p>
          </Success>
          <p>
            <a href={caseHref(done.case.id)}>Open “{done.case.title}”</a>
          </p>
        </div>
      ) : null}
    </Page>
  );
}
