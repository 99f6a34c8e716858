/**
 * The fix offered for words hidden by a box in a document (a redaction that left them in the file), beside
 * the bundle plan's warning and the document's import note: the pages that hide them become pictures of
 * themselves, so the words are gone from what the bundle is built from (documents.takeOutHiddenWords). The
 * page shows as before; its text can be searched again once text recognition has read it. The same for
 * areas marked for redaction that were never redacted: painted over first, then made pictures.
 */
import { call } from '../api';
import { useAnnounce } from './Live';
import { Errors } from './Notice';
import { OperationProgress } from './ProgressBar';
import { useOperation } from '../hooks/useOperation';
import type { DocumentRecord } from '../../shared/domain/documents';

/** What the fix is for: words hidden by a box, redaction marks never applied, or both in one document. */
export type HiddenWordsKind = 'hidden' | 'marked' | 'both';

const WORDING: Record<HiddenWordsKind, { button: string; running: string; stopped: string; done: string }> = {
  hidden: {
    button: 'Take out the hidden words',
    running: 'Taking out the hidden words',
    stopped: 'You stopped taking out the hidden words. Nothing has changed.',
    done: 'The hidden words are taken out of',
  },
  marked: {
    button: 'Apply the redactions',
    running: 'Applying the redactions',
    stopped: 'You stopped applying the redactions. Nothing has changed.',
    done: 'The redactions are applied to',
  },
  both: {
    button: 'Apply the redactions and take out the hidden words',
    running: 'Applying the redactions and taking out the hidden words',
    stopped: 'You stopped applying the redactions. Nothing has changed.',
    done: 'The redactions are applied, and the hidden words taken out, in',
  },
};

/** The pages a document's fix is for, and its kind (nothing to fix: no pages). */
export function hiddenWordsFixFor(doc: Pick<DocumentRecord, 'coveredTextPages' | 'redactionMarkPages'>): {
  pages: number[];
  kind: HiddenWordsKind;
} {
  const covered = doc.coveredTextPages ?? [];
  const marked = doc.redactionMarkPages ?? [];
  const pages = [...new Set([...covered, ...marked])].sort((a, b) => a - b);
  return { pages, kind: !marked.length ? 'hidden' : covered.length ? 'both' : 'marked' };
}

export function HiddenWordsFix(props: {
  documentId: number;
  kind?: HiddenWordsKind;
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
  const kind = props.kind ?? 'hidden';
  const wording = WORDING[kind];

  async function takeOut() {
    const doc = await op.run((options) => call('documents.takeOutHiddenWords', { documentId }, options), {
      stopped: wording.stopped,
    });
    if (!doc) return;
    announce(
      `${wording.done} “${doc.title}”: ${one ? 'its page is' : 'its pages are'} now ${one ? 'a picture' : 'pictures'} of what ${one ? 'it' : 'they'} showed${kind === 'hidden' ? '' : ', the marked areas painted over'}.`,
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
          label={wording.running}
          stopLabel="Stop"
        />
      ) : (
        <>
          <p className="hint">
            {props.explained
              ? null
              : `The app can ${kind === 'hidden' ? '' : 'paint over the marked areas and '}turn ${one ? 'the page' : 'those pages'} into ${one ? 'a picture' : 'pictures'} of what ${one ? 'it shows' : 'they show'}: the ${kind === 'marked' ? 'marked' : 'hidden'} words are then gone from the bundle. `}
            The file you added is kept as it was.
          </p>
          <button
            type="button"
            className="button button-secondary button-small"
            onClick={() => void takeOut()}
          >
            {wording.button}
            <span className="visually-hidden"> ({props.pages})</span>
          </button>
        </>
      )}
    </div>
  );
}
