/**
 * Host files (stored documents, built bundles, saved letters) resolved to a file on disk — only through
 * the store's content hashes and ids the services know, never from a path in a request. Shared by the
 * browser bridge and the Electron shell's protocol handler.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Services } from '../services';
import type { HostFile } from '../../shared/api/hostFiles';

export interface ResolvedHostFile {
  path: string;
  contentType: string;
  /** A name for "Save as": letters, digits, spaces and dashes only, so it is safe in a header. */
  fileName: string;
  size: number;
}

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

export function safeFileName(name: string, extension: keyof typeof CONTENT_TYPES): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._-]+/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'file';
  return base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
}

function existing(path: string, contentType: string, fileName: string): ResolvedHostFile | null {
  if (!existsSync(path)) return null;
  const stat = statSync(path);
  if (!stat.isFile()) return null;
  return { path, contentType, fileName, size: stat.size };
}

export function resolveHostFile(services: Services, file: HostFile): ResolvedHostFile | null {
  switch (file.kind) {
    case 'document': {
      const { store } = services.ctx;
      // The store names every file by its content hash: a hash it holds is a document the app imported.
      if (!store.hasPdf(file.sha256)) return null;
      return existing(
        store.pdfPath(file.sha256),
        CONTENT_TYPES.pdf,
        `document-${file.sha256.slice(0, 8)}.pdf`,
      );
    }
    case 'bundle': {
      const found = findBundle(services, file.id);
      if (!found || !found.version.available) return null;
      const { version, title } = found;
      return existingInside(
        services.ctx.paths.bundles,
        version.path,
        CONTENT_TYPES.pdf,
        safeFileName(`${title} bundle v${version.version}`, 'pdf'),
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
      return existingInside(
        services.ctx.paths.letters,
        saved.path,
        CONTENT_TYPES[file.format],
        safeFileName(`${letter.template} ${letter.id}`, file.format),
      );
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

/** Only files the app wrote into its own folder for them, whatever a database row says. */
function existingInside(
  root: string,
  path: string,
  contentType: string,
  fileName: string,
): ResolvedHostFile | null {
  const inside = relative(resolve(root), resolve(path));
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return existing(path, contentType, fileName);
}
