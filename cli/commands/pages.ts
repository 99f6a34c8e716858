import { describePageSelection, readPageSelection } from '../../shared/domain/pageSelection';
import { escapeControls } from '../../shared/text/controls';
import { EXIT_OK, parseCommandArgs, parseId, printJson, UsageError, withApi, type Command } from '../io';

export const pagesCommand: Command = {
  usage: [
    'Usage: send-bundle pages DOCUMENT PAGES [--json]',
    '',
    'Puts only some pages of a document into the bundle (its index calls it an extract):',
    '  DOCUMENT  the document number, from "send-bundle docs CASE"',
    '  PAGES     its own page numbers, such as 3-10,15; "all" for every page',
  ].join('\n'),
  async run(args, globals, io) {
    const { positionals } = parseCommandArgs(args, {});
    const documentId = parseId(
      positionals[0],
      'Give the document number ("send-bundle docs CASE" lists them), for example: pages 12 3-10,15',
    );
    const typed = positionals.slice(1).join(' ').trim();
    if (!typed) throw new UsageError('Give the pages to put in the bundle, such as 3-10,15, or all.');
    let keptPages: number[] | null = null;
    if (!/^all$/i.test(typed)) {
      const read = readPageSelection(typed, null);
      if (!read.ok) throw new UsageError(read.message);
      keptPages = read.pages;
    }
    const doc = await withApi(globals, (api) =>
      api.call('documents.update', { documentId, details: { keptPages } }),
    );
    if (globals.json) printJson(io, doc);
    else if (doc.keptPages)
      io.out(
        `${escapeControls(doc.title)}: ${describePageSelection(doc.keptPages, doc.pageCount)} go in the bundle.`,
      );
    else
      io.out(
        `${escapeControls(doc.title)}: ${doc.pageCount === 1 ? 'its one page goes' : `all ${doc.pageCount} pages go`} in the bundle.`,
      );
    return EXIT_OK;
  },
};
