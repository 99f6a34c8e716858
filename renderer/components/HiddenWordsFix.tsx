/**
 * The fix offered for words hidden by a box in a document (a redaction that left them in the file), beside
 * the bundle plan's warning and the document's import note: the pages that hide them become pictures of
 * themselves, so the words are gone from what the bundle is built from (documents.takeOutHiddenWords). The
 * page shows as before; its text can be searched again once text recognition has read it.
 */
import { call } from '../api';
import { useAnnounce } from './Live';
import { Errors } from './Notice';
import { OperationProgress } from './ProgressBar';
import { useOperation } from '../hooks/useOperation';
import type { DocumentRecord } from '../../shared/domain/documents';

export function HiddenWordsFix(props: {
  documentId: number;
  /** The pages that hide words, as the place showing it numbers them ("bundle page 12", "page 2"). */
  pages: string;
  /** How many pages hide words. */
  count: number;
  /** What the fix does is said already (the bundle plan's warning says it): only what is kept is added. */
  explained?: boolean;
  onDone: (doc: DocumentRecord) => void;
}) {
  const op = useOperation();
  const announce = useAnnounce();
  const { documentId } = props;
  const one = props.count === 1;

  async function takeOut() {
    const doc = await op.run((options) => call('documents.takeOutHiddenWords', { documentId }, options), {
      stopped: 'You stopped taking out the hidden words. Nothing has changed.',
    });
    if (!doc) return;
    announce(
      `The hidden words are taken out of “${doc.title}”: ${one ? 'its page is' : 'its pages are'} now ${one ? 'a picture' : 'pictures'} of what ${one ? 'it' : 'they'} showed.`,
    );
    props.onDone(doc);
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
            {props.explained
              ? null
              : `The app can turn ${one ? 'the page' : 'those pages'} into ${one ? 'a picture' : 'pictures'} of what ${one ? 'it shows' : 'they show'}: the hidden words are then gone from the bundle. `}
            The file you added is kept as it was.
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void takeOut()}
          >
            Take out the hidden words
            <span className="visually-hidden"> ({props.pages})</span>
          </button>
        </>
      )}
    </div>
  );
}
