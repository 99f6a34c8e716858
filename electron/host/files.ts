/**
 * Host files (stored documents, built bundles, saved letters) resolved to a file on disk — only through
 * the store's content hashes and ids the services know, never from a path in a request. Both hosts serve
 * them under the same URL path (`/files/<hostFilePath>`), through electron/host/serve.ts.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_FILES_PATH } from '../../shared/api/bridgePaths';
import { parseHostFilePath, type HostFile } from '../../shared/api/hostFiles';
import type { Services } from '../services';
import { realFileInside } from './static';

export interface ResolvedHostFile {
  path: string;
  contentType: string;
  /** A name for "Save as": letters, digits, spaces and dashes only, so it is safe in a header. */
  fileName: string;
  size: number;
}

/** The URL path under which both hosts serve host files. */
export const FILES_PREFIX = BRIDGE_FILES_PATH;

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
} as const;

function safeFileName(name: string, extension: keyof typeof CONTENT_TYPES): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._-]+/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'file';
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

/** Parses a URL path under FILES_PREFIX into a host file; anything odd is null. */
export function hostFileFromPath(pathname: string): HostFile | null {
  if (!pathname.startsWith(FILES_PREFIX)) return null;
  const rest = pathname.slice(FILES_PREFIX.length);
  // Host file paths are plain ASCII: any escape (%2e, %2f, %5c) is refused rather than decoded.
  if (!/^[A-Za-z0-9/]+$/.test(rest)) return null;
  return parseHostFilePath(rest);
}

/** `attachment` asks the page to save the file (Electron shows the Save dialog), `inline` to show it. */
export function contentDisposition(file: ResolvedHostFile, download: boolean): string {
  const ascii = file.fileName.replace(/[^A-Za-z0-9 ._-]/g, '') || 'file';
  return `${download ? 'attachment' : 'inline'}; filename="${ascii}"`;
}

/** Only files the app wrote into its own folder for them, whatever a database row says. */
function fileIn(root: string, path: string, contentType: string, fileName: string): ResolvedHostFile | null {
  const real = realFileInside(root, path);
  return real ? { path: real, contentType, fileName, size: statSync(real).size } : null;
}

export function resolveHostFile(services: Services, file: HostFile): ResolvedHostFile | null {
  switch (file.kind) {
    case 'document': {
      const { store } = services.ctx;
      // The store names every file by its content hash: a hash it holds is a document the app imported.
      if (!store.hasPdf(file.sha256)) return null;
      return fileIn(
        store.documentsDir,
        store.pdfPath(file.sha256),
        CONTENT_TYPES.pdf,
        `document-${file.sha256.slice(0, 8)}.pdf`,
      );
    }
    case 'bundle': {
      const found = findBundle(services, file.id);
      if (!found || !found.version.available) return null;
      const { version, title } = found;
      return fileIn(
        services.ctx.paths.bundles,
        version.path,
        CONTENT_TYPES.pdf,
        safeFileName(`${title} bundle v${version.version}`, 'pdf'),
      );
    }
    case 'bundleFile': {
      const made = services.bundle.file(file.id);
      if (!made || !made.available) return null;
      const what = made.kind === 'supplement' ? 'supplementary pack' : `part ${made.part}`;
      return fileIn(
        services.ctx.paths.bundles,
        made.path,
        CONTENT_TYPES.pdf,
        safeFileName(`bundle ${what} ${made.id}`, 'pdf'),
      );
    }
    case 'letter': {
      let letter;
      try {
        letter = services.letters.get(file.id);
      } catch {
        return null;
      }
      const saved = letter.files.find((f) => f.format === file.format);
      if (!saved) return null;
      return fileIn(
        services.ctx.paths.letters,
        saved.path,
        CONTENT_TYPES[file.format],
        safeFileName(`${letter.template} ${letter.id}`, file.format),
      );
    }
    case 'report': {
      const dir = services.ctx.paths.reports;
      return fileIn(
        dir,
        join(dir, `${file.name}.${file.format}`),
        CONTENT_TYPES[file.format],
        safeFileName(file.name, file.format),
      );
    }
    case 'export': {
      const dir = join(services.ctx.paths.dataDir, 'exports');
      return fileIn(dir, join(dir, file.fileName), CONTENT_TYPES.zip, safeFileName(file.fileName, 'zip'));
    }
  }
}

/** A built bundle by its id, through the bundle service (cases are few: a scan is cheap). */
function findBundle(services: Services, id: number) {
  for (const c of services.cases.list({ includeArchived: true })) {
    const version = services.bundle.versions(c.id).find((v) => v.id === id);
    if (version) return { version, title: c.title };
  }
  return null;
}
