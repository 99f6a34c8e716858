/**
 * Reading a case archive, in the untrusted-file worker: the zip's directory against the limits, the
 * manifest, every entry's size and SHA-256, and every stored document named by its own hash. Each entry
 * is copied into a staging folder as it is checked (one pass, one entry in memory at a time), so the main
 * thread only has to check the rows against its database and move files into place.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { decodeWire } from '../../../shared/api/wire';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  CASE_ENTRY,
  CaseData,
  dataEntry,
  isKnownEntry,
  isSafeDataPath,
  Manifest,
  MANIFEST_ENTRY,
  storeEntry,
} from './format';
import { ZipProblem, ZipReader, type ZipEntry } from './zipReader';

/** Tampering, damage, or a file that is not ours: the words item 6 of issue #11 asks for. */
export function notAnArchive(name: string, why: string): ApiError {
  return new ApiError(
    'invalid-input',
    `"${name}" is damaged or was not made by this app: it is not a case export from SEND Bundle Builder (${why}). Nothing was imported.`,
  );
}

/** Only when the manifest says the archive is newer than this app. */
function newerApp(name: string): ApiError {
  return new ApiError(
    'refused',
    `"${name}" was made by a newer version of SEND Bundle Builder. Update the app, then import it again. Nothing was imported.`,
  );
}

/** The manifest and case.json are text the exporter writes: far below these sizes. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
const MAX_CASE_JSON_BYTES = 1024 * 1024 * 1024;

interface ArchiveReadInput {
  source: { path: string } | { data: Uint8Array };
  name: string;
  /** A fresh folder in the data folder (so moving files into place is a rename). */
  staging: string;
  /** This app's database version: an archive from a newer one is refused. */
  latestSchemaVersion: number;
}

export interface ArchiveReadOutput {
  manifest: Manifest;
  data: CaseData;
  /** Archive entry → its checked copy in the staging folder. */
  staged: Record<string, string>;
}

export async function readArchive(
  input: ArchiveReadInput,
  job: { signal: AbortSignal; progress: (event: { message: string; done: number; total: number }) => void },
): Promise<ArchiveReadOutput> {
  const { name } = input;
  let zip: ZipReader;
  try {
    zip = ZipReader.open(input.source);
  } catch (error) {
    if (error instanceof ZipProblem) throw notAnArchive(name, error.why);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new ApiError('not-found', `Could not find "${name}". Check where it was saved and try again.`);
    throw error;
  }
  try {
    return stage(zip, input, job);
  } catch (error) {
    if (error instanceof ZipProblem) throw notAnArchive(name, error.why);
    throw error;
  } finally {
    zip.close();
  }
}

function stage(
  zip: ZipReader,
  input: ArchiveReadInput,
  job: { signal: AbortSignal; progress: (event: { message: string; done: number; total: number }) => void },
): ArchiveReadOutput {
  const { name } = input;
  const byName = new Map<string, ZipEntry>();
  for (const entry of zip.entries) {
    if (byName.has(entry.name)) throw notAnArchive(name, `"${entry.name}" is in it twice`);
    byName.set(entry.name, entry);
  }
  const files = zip.entries.filter((e) => !e.isDirectory);
  const manifestEntry = byName.get(MANIFEST_ENTRY);
  if (!manifestEntry) throw notAnArchive(name, 'no manifest.json');
  if (manifestEntry.size > MAX_MANIFEST_BYTES) throw notAnArchive(name, 'its manifest.json is too large');
  let manifest: Manifest;
  try {
    const raw = JSON.parse(zip.read(manifestEntry).toString('utf8')) as {
      format?: unknown;
      formatVersion?: unknown;
    };
    if (
      raw?.format === ARCHIVE_FORMAT &&
      typeof raw.formatVersion === 'number' &&
      raw.formatVersion > ARCHIVE_FORMAT_VERSION
    )
      throw newerApp(name);
    manifest = Manifest.parse(raw);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw notAnArchive(name, 'its manifest.json is not valid');
  }
  if (manifest.schemaVersion > input.latestSchemaVersion) throw newerApp(name);

  // The zip must hold exactly the files the manifest lists, with names our exporter writes.
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) throw notAnArchive(name, 'a file is listed twice');
  for (const entry of files) {
    if (entry.name === MANIFEST_ENTRY) continue;
    if (!isKnownEntry(entry.name)) throw notAnArchive(name, `unexpected file "${entry.name}"`);
    if (!listed.has(entry.name)) throw notAnArchive(name, `"${entry.name}" is not in the manifest`);
  }
  for (const dir of zip.entries.filter((e) => e.isDirectory)) {
    if (!files.some((e) => e.name.startsWith(dir.name)))
      throw notAnArchive(name, `unexpected folder "${dir.name}"`);
  }

  mkdirSync(input.staging, { recursive: true });
  const staged: Record<string, string> = {};
  let caseJson: Buffer | undefined;
  for (const [index, file] of manifest.files.entries()) {
    job.signal.throwIfAborted();
    job.progress({ message: `Checking ${basename(file.path)}`, done: index, total: manifest.files.length });
    const entry = byName.get(file.path);
    if (!entry || entry.isDirectory) throw notAnArchive(name, `"${file.path}" is missing`);
    // Sizes from the directory are checked before a byte is unpacked.
    if (entry.size !== file.bytes) throw notAnArchive(name, `"${file.path}" has the wrong size`);
    const hash = createHash('sha256');
    if (file.path === CASE_ENTRY) {
      if (entry.size > MAX_CASE_JSON_BYTES) throw notAnArchive(name, 'its case.json is too large');
      caseJson = zip.read(entry);
      hash.update(caseJson);
    } else {
      const target = join(input.staging, String(index));
      const fd = openSync(target, 'w');
      let written = 0;
      try {
        for (const chunk of zip.chunks(entry)) {
          hash.update(chunk);
          for (let offset = 0; offset < chunk.length;)
            offset += writeSync(fd, chunk, offset, chunk.length - offset);
          written += chunk.length;
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (written !== file.bytes) throw notAnArchive(name, `"${file.path}" has the wrong size`);
      staged[file.path] = target;
    }
    const sha256 = hash.digest('hex');
    if (sha256 !== file.sha256) throw notAnArchive(name, `"${file.path}" has been changed or damaged`);
    const named = /^store\/(?:documents|originals)\/([0-9a-f]{64})/.exec(file.path);
    if (named && named[1] !== sha256)
      throw notAnArchive(name, `"${file.path}" is not the document it claims to be`);
  }

  if (!caseJson) throw notAnArchive(name, 'no case.json');
  let data: CaseData;
  try {
    data = CaseData.parse(decodeWire(caseJson.toString('utf8')));
  } catch {
    throw notAnArchive(name, 'its case.json is not valid');
  }
  if (data.schemaVersion !== manifest.schemaVersion || data.caseId !== manifest.case.id)
    throw notAnArchive(name, 'case.json does not match the manifest');
  const caseRows = data.tables.cases ?? [];
  if (caseRows.length !== 1 || caseRows[0].id !== data.caseId)
    throw notAnArchive(name, 'it must hold exactly one case');
  for (const f of data.storeFiles)
    if (!listed.has(storeEntry(f.kind, f.sha256)))
      throw notAnArchive(name, `document ${f.sha256.slice(0, 12)}… is missing`);
  for (const f of data.dataFiles)
    if (!isSafeDataPath(f.path) || f.entry !== dataEntry(f.path) || !listed.has(f.entry))
      throw notAnArchive(name, `the file "${f.path}" is missing or has an unsafe name`);
  return { manifest, data, staged };
}
