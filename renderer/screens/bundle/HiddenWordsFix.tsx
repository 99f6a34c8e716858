/**
 * The fix offered beside the bundle plan's warning of words hidden by a box (a redaction that left them in
 * the file): the pages that hide them become pictures of themselves, so the words are gone from what the
 * bundle is built from (documents.takeOutHiddenWords). The page shows as before; its text can be searched
 * again once text recognition has read it.
 */
import { call } from '../../api';
import { useAnnounce } from '../../components/Live';
import { Errors } from '../../components/Notice';
import { OperationProgress } from '../../components/ProgressBar';
import { useOperation } from '../../hooks/useOperation';
import type { ComplianceFinding } from '../../../shared/bundle/types';

export function HiddenWordsFix(props: { finding: ComplianceFinding; onDone: () => void }) {
  const op = useOperation();
  const announce = useAnnounce();
  const documentId = props.finding.documentIds[0];
  const one = props.finding.pages.length === 1;

  async function takeOut() {
    const doc = await op.run((options) => call('documents.takeOutHiddenWords', { documentId }, options), {
      stopped: 'You stopped taking out the hidden words. Nothing has changed.',
    });
    if (!doc) return;
    announce(
      `The hidden words are taken out of “${doc.title}”: ${one ? 'its page is' : 'its pages are'} now ${one ? 'a picture' : 'pictures'} of what ${one ? 'it' : 'they'} showed.`,
    );
    props.onDone();
  }

  return (
    <div className="finding-fix">
      <Errors errors={[op.error]} />
      {op.running ? (
        <OperationProgress
          running={op.running}
          progress={op.progress}
          label="Taking out the hidden words"
          stopLabel="Stop"
        />
      ) : (
        <>
          <p className="hint">
            The app can turn {one ? 'the page' : 'those pages'} into {one ? 'a picture' : 'pictures'} of what{' '}
            {one ? 'it shows' : 'they show'}: the hidden words are then gone from the bundle. The file you
            added is kept as it was.
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void takeOut()}
          >
            Take out the hidden words
            <span className="visually-hidden">
              {' '}
              (bundle {one ? 'page' : 'pages'} {props.finding.pages.join(', ')})
            </span>
          </button>
        </>
      )}
    </div>
  );
}
