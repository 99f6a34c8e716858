/**
 * A stand-in for LibreOffice's soffice, for machines without it: a shell script that writes a fixed
 * one-page PDF where LibreOffice would put the converted file (its --outdir), so a Word document's whole
 * path through import runs. `log`: a file each converted file's name is added to.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTextPdf } from './seed';

export async function writeStandInSoffice(dir: string, { log }: { log?: string } = {}): Promise<string> {
  const pdf = join(dir, 'converted.pdf');
  writeFileSync(pdf, await makeTextPdf('Converted', 1));
  const soffice = join(dir, 'soffice');
  writeFileSync(
    soffice,
    `#!/bin/sh\nout=""\nprev=""\nfor a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; last="$a"; done\n` +
      (log ? `basename "$last" >> "${log}"\n` : '') +
      `mkdir -p "$out" && cp "${pdf}" "$out/document.pdf"\n`,
    { mode: 0o755 },
  );
  return soffice;
}
