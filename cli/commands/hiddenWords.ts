import { escapeControls } from '../../shared/text/controls';
import { EXIT_OK, parseCommandArgs, parseId, printJson, withApi, type Command } from '../io';

export const hiddenWordsCommand: Command = {
  usage: [
    'Usage: send-bundle hidden-words DOCUMENT [--json]',
    '',
    'Takes out words hidden by a box (a box or pen strokes painted over them, a highlight in their own',
    "colour, the page cropped to leave them out of view, a layer the file keeps hidden, or a scan's invisible",
    'text left when the scan was taken out: a redaction that left them in the file), and applies redactions',
    'marked and never applied (the marked areas painted over), which import and `send-bundle build` warn of.',
    'The pages become pictures of what they show, in the copy bundles are built from; the file as added is',
    'kept. Their text can be searched again once `send-bundle ocr` has read them.',
    '  DOCUMENT  the document number, from "send-bundle docs CASE"',
  ].join('\n'),
  async run(args, globals, io) {
    const { positionals } = parseCommandArgs(args, {});
    const documentId = parseId(
      positionals[0],
      'Give the document number ("send-bundle docs CASE" lists them), for example: hidden-words 12',
    );
    let last = '';
    const doc = await withApi(globals, (api) =>
      // A command leaves no work running behind it: `send-bundle ocr` makes the pages searchable.
      api.call(
        'documents.takeOutHiddenWords',
        { documentId, ocr: false },
        {
          onProgress: ({ message }) => {
            if (!globals.json && message !== last) io.err(escapeControls(message));
            last = message;
          },
        },
      ),
    );
    if (globals.json) printJson(io, doc);
    else {
      const note = doc.importNotes[doc.importNotes.length - 1] ?? '';
      const what = note.includes('hidden by a box')
        ? 'the hidden words are taken out'
        : 'the redactions are applied';
      io.out(`${escapeControls(doc.title)}: ${what}.`);
      io.out(note);
    }
    return EXIT_OK;
  },
};
