// Tests run on the same pdf-lib as the app: every host installs the patches at start (pdfLibPatches.ts).
import { installPdfLibPatches } from '../../electron/services/pdf/pdfLibPatches';

installPdfLibPatches();
