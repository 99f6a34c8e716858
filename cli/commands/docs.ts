import { describePageSelection } from '../../shared/domain/pageSelection';
import { escapeControls } from '../../shared/text/controls';
import { EXIT_OK, parseCaseId, parseCommandArgs, printJson, withApi, type Command } from '../io';

export const docsCommand: Command = {
  usage: 'Usage: send-bundle docs ID [--json]',
  async run(args, globals, io) {
    const { positionals } = parseCommandArgs(args, {});
    const id = parseCaseId(positionals[0], 'docs 3');
    const docs = await withApi(globals, async (api) => {
      await api.call('cases.get', { caseId: id });
      return api.call('documents.list', { caseId: id });
    });
    if (globals.json) {
      printJson(io, docs);
      return EXIT_OK;
    }
    if (docs.length === 0) io.out('No documents yet. Add some with: send-bundle import --help');
    for (const d of docs) {
      const flags = [
        d.included ? '' : 'left out',
        d.late ? 'late' : '',
        d.keptPages ? `extract: ${describePageSelection(d.keptPages, d.pageCount)}` : '',
        d.ocrPages.length
          ? `text recognised on ${d.ocrPages.length} page${d.ocrPages.length === 1 ? '' : 's'}`
          : '',
        d.pagesWithoutText.length ? `${d.pagesWithoutText.length} without text` : '',
      ]
        .filter(Boolean)
        .join(', ');
      io.out(
        `${d.section}${d.position}\t${d.id}\t${escapeControls(d.title)}\t${d.pageCount} pages${flags ? `\t(${flags})` : ''}`,
      );
    }
    return EXIT_OK;
  },
};
