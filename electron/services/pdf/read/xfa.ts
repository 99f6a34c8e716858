/**
 * A dynamic XFA form: a form made with Adobe's XML Forms Architecture whose pages Adobe Reader draws from
 * the form's XML as the file opens (the catalog's /NeedsRendering true, ISO 32000-1 7.7.2). Its PDF pages
 * hold only a placeholder ("Please wait... If this message is not eventually replaced by the proper
 * contents of the document, your PDF viewer may not be able to display this type of document"), which is
 * what pdf.js, poppler, browsers and a bundle show: none of what was filled in. (A static XFA form's pages
 * are drawn in the PDF, its XFA beside them: no concern here.)
 */
import type { PdfReader } from './document';

export function isDynamicXfaForm(reader: PdfReader): boolean {
  const catalog = reader.catalog;
  if (!catalog || reader.get(catalog, 'NeedsRendering') !== true) return false;
  return reader.getDict(catalog, 'AcroForm')?.has('XFA') ?? false;
}
