/**
 * Names the documents whose stored file changed since it was added, or is missing (documents.checkStored),
 * and says what to do: the bundle cannot include them as they are (the build refuses them).
 */
import { plural } from '../../copy';
import { Warning } from '../../components/Notice';
import type { StoredFileProblem } from '../../../shared/domain/documents';

const WHAT_HAPPENED: Record<StoredFileProblem['problem'], string> = {
  changed: 'has changed since it was added',
  missing: 'is missing from the app’s folder',
};

export function StoredFileWarning(props: {
  problems: StoredFileProblem[];
  onRemove: (problem: StoredFileProblem) => void;
}) {
  const { problems } = props;
  if (problems.length === 0) return null;
  const one = problems.length === 1;
  return (
    <div data-testid="stored-file-warning">
      <Warning>
        <h2 className="notice-title">
          {plural(problems.length, 'document')} cannot go into the bundle as {one ? 'it is' : 'they are'}
        </h2>
        <p>
          The app keeps its own copy of each document you add. {one ? 'This copy is' : 'These copies are'} no
          longer the {one ? 'one' : 'ones'} you added:
        </p>
        <ul className="stored-file-list">
          {problems.map((p) => (
            <li key={p.documentId}>
              “{p.title}” (section {p.section}) {WHAT_HAPPENED[p.problem]}.{' '}
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => props.onRemove(p)}
              >
                Remove “{p.title}” from the case
              </button>
            </li>
          ))}
        </ul>
        <p>
          Another program may have changed or removed the file in the app’s folder (a PDF viewer that saved
          it, or a sync tool that put back an older copy), or the disk may be failing. The bundle cannot
          include {one ? 'it as it is: its' : 'them as they are: their'} pages may not be the ones you added.{' '}
          {one
            ? 'Remove it, then add it again from your own copy of the original file with “Add documents” below. If you no longer need it, just remove it.'
            : 'Remove each one, then add it again from your own copy of the original file with “Add documents” below. If you no longer need one of them, just remove that one.'}
        </p>
      </Warning>
    </div>
  );
}
