/**
 * Host files (stored documents, built bundles, saved letters) resolved to a file on disk — only through
 * the store's content hashes and ids the services know, never from a path in a request. Shared by the
 * browser bridge and the Electron shell's protocol handler.
 */
import { existsSync, statSync } from 'node:fs';
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
    case 'bundle':
    case 'letter':
      // Resolved through the bundle and letter services once they record built files.
      return null;
  }
}
