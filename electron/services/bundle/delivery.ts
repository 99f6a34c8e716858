/**
 * Files made from a built version for sending it (shared/bundle/delivery.ts): the supplementary pack (only
 * the new and changed pages since the version last sent, with instructions) and delivery parts (the bundle
 * split under an email size limit). Each is written atomically beside the version, verified, and recorded
 * in bundle_files; making it again replaces it.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import {
  DEFAULT_PART_SIZE_MB,
  partEmailSubject,
  type BundleFileDetails,
  type BundleFileInfo,
} from '../../../shared/bundle/delivery';
import { formatRange } from '../../../shared/bundle/format';
import { planSupplement, type SupplementPlan } from '../../../shared/bundle/supplement';
import type { BundlePlan, VerificationResult } from '../../../shared/bundle/types';
import { BundleFileDetailsJson } from '../../db/jsonColumns';
import { all, first, jsonColumn } from '../../db/query';
import type { BundleFileRow, BundleRow, CaseRow } from '../../db/schema';
import { AtomicFile } from '../../store/atomicFile';
import { requireWritable, type OperationOptions, type ServiceContext } from '../context';
import {
  dropLinks,
  renderSupplement,
  supplementDetails,
  verifySupplement,
  type SupplementInput,
} from './supplementPack';
import { layOut, loadBundle, pageSizes, renderPart, unitsOf, type RenderedPart } from './deliveryParts';

/** Where a recorded file is: rows hold paths relative to the bundles folder. */
function fileOf(ctx: ServiceContext, recorded: string): string {
  return join(ctx.paths.bundles, recorded);
}

function fileInfo(ctx: ServiceContext, row: BundleFileRow): BundleFileInfo {
  const path = fileOf(ctx, row.path);
  const details = jsonColumn(BundleFileDetailsJson, row.details, 'bundle_files.details');
  return {
    id: row.id,
    bundleId: row.bundle_id,
    kind: row.kind,
    part: row.part,
    createdAt: row.created_at,
    path,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    pageCount: row.page_count,
    available: existsSync(path),
    details: stripVerification(details),
  };
}

function stripVerification(details: BundleFileDetails & { verification?: unknown }): BundleFileDetails {
  const { verification: _verification, ...rest } = details;
  void _verification;
  return rest;
}

/** The files made from a version, supplementary pack first, then the parts in order. */
export function filesOf(ctx: ServiceContext, bundleId: number): BundleFileInfo[] {
  return all<BundleFileRow>(
    ctx.db,
    "SELECT * FROM bundle_files WHERE bundle_id = ? ORDER BY kind = 'part', part",
    bundleId,
  ).map((row) => fileInfo(ctx, row));
}

/** A file made from a version, by its id (for the hosts' file URLs). */
export function bundleFileById(ctx: ServiceContext, id: number): BundleFileInfo | null {
  const row = first<BundleFileRow>(ctx.db, 'SELECT * FROM bundle_files WHERE id = ?', id);
  return row ? fileInfo(ctx, row) : null;
}

type VersionRow = Pick<BundleRow, 'id' | 'case_id' | 'version' | 'path' | 'fingerprint' | 'issued'>;

function versionRow(ctx: ServiceContext, caseId: number, version: number): VersionRow {
  const row = first<VersionRow>(
    ctx.db,
    'SELECT id, case_id, version, path, fingerprint, issued FROM bundles WHERE case_id = ? AND version = ?',
    caseId,
    version,
  );
  if (!row) throw new ApiError('not-found', `This case has no bundle version ${version}.`);
  return row;
}

/** Writes, verifies and records one file made from a version (replacing the one of the same kind and part). */
async function recordFile(
  ctx: ServiceContext,
  bundle: VersionRow,
  kind: 'supplement' | 'part',
  part: number,
  path: string,
  write: (file: AtomicFile) => Promise<{ pageCount: number; details: BundleFileDetails }>,
  verify: (tempPath: string) => Promise<VerificationResult>,
): Promise<BundleFileInfo> {
  const file = new AtomicFile(path);
  let written: { pageCount: number; details: BundleFileDetails };
  try {
    written = await write(file);
  } catch (error) {
    file.discard();
    throw error;
  }
  return recordWritten(ctx, bundle, kind, part, file, written, verify);
}

/** Verifies and records a file already written to its temp file (discarded if anything fails). */
async function recordWritten(
  ctx: ServiceContext,
  bundle: VersionRow,
  kind: 'supplement' | 'part',
  part: number,
  file: AtomicFile,
  written: { pageCount: number; details: BundleFileDetails },
  verify: (tempPath: string) => Promise<VerificationResult>,
): Promise<BundleFileInfo> {
  const path = file.path;
  let verification: VerificationResult;
  let sha256: string;
  try {
    sha256 = file.finish();
    verification = await verify(file.tempPath);
  } catch (error) {
    file.discard();
    throw error;
  }
  if (!verification.ok) {
    file.discard();
    const problem = verification.checks.find((c) => !c.ok)?.problems[0] ?? 'an unknown problem';
    throw new ApiError(
      'internal',
      `The ${kind === 'supplement' ? 'supplementary pack' : `part ${part}`} was made but failed its final check, so it was not saved (${problem}). Please report this.`,
      verification,
    );
  }
  const size = file.size;
  const id = ctx.db.transaction(() => {
    ctx.db
      .prepare('DELETE FROM bundle_files WHERE bundle_id = ? AND kind = ? AND part = ?')
      .run(bundle.id, kind, part);
    const info = ctx.db
      .prepare(
        `INSERT INTO bundle_files (bundle_id, kind, part, created_at, path, sha256, size_bytes, page_count, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        bundle.id,
        kind,
        part,
        ctx.clock().toISOString(),
        relative(ctx.paths.bundles, path).split(sep).join('/'),
        sha256,
        size,
        written.pageCount,
        JSON.stringify({ ...written.details, verification }),
      );
    file.commit();
    return Number(info.lastInsertRowid);
  });
  let recorded: number;
  try {
    recorded = id.immediate();
  } catch (error) {
    file.discard();
    throw error;
  }
  return bundleFileById(ctx, recorded)!;
}

export interface SupplementSources {
  storedPlan: (caseId: number, version: number) => BundlePlan;
  caseTitle: (caseId: number) => string;
}

/** The version a supplementary pack for `version` brings copies up from: the last one sent before it. */
function sentBefore(ctx: ServiceContext, caseId: number, version: number): VersionRow | null {
  return (
    first<VersionRow>(
      ctx.db,
      `SELECT id, case_id, version, path, fingerprint, issued FROM bundles
       WHERE case_id = ? AND issued = 1 AND version < ? ORDER BY version DESC LIMIT 1`,
      caseId,
      version,
    ) ?? null
  );
}

/**
 * What a pack would hold, or why there can be none: nothing sent yet, every page renumbered, nothing
 * changed. `next` is the plan of the version the pack brings (built, or about to be).
 */
export function supplementFor(
  ctx: ServiceContext,
  sources: SupplementSources,
  caseId: number,
  next: BundlePlan,
): { base: VersionRow; pack: SupplementPlan } {
  const base = sentBefore(ctx, caseId, next.version);
  if (!base)
    throw new ApiError(
      'refused',
      'No earlier version has been marked as sent, so there is nothing to bring up to date: a supplementary pack holds only the pages that changed since the version people already have. Mark the version you sent as sent first.',
    );
  const from = sources.storedPlan(caseId, base.version);
  // Numbered again: pages people already have would carry other numbers now (a pack cannot fix that).
  const sentLabels = new Map(
    from.pages.filter((p) => p.kind === 'document').map((p) => [p.fingerprint, p.label]),
  );
  const moved = next.pages.some(
    (p) => p.kind === 'document' && (sentLabels.get(p.fingerprint) ?? p.label) !== p.label,
  );
  if (moved)
    throw new ApiError(
      'refused',
      `Version ${next.version} numbers every page again, so its pages do not fit into the copies of version ${base.version} people hold. Send the whole bundle instead, or build it with late documents numbered as inserts (12a, 12b).`,
    );
  const pack = planSupplement(from, next);
  if (pack.steps.length === 0)
    throw new ApiError(
      'refused',
      `Version ${next.version} has the same pages as version ${base.version}, which was sent: there is nothing to send.`,
    );
  return { base, pack };
}

/** Makes (or makes again) the supplementary pack of a built version. */
export async function makeSupplement(
  ctx: ServiceContext,
  sources: SupplementSources,
  caseId: number,
  version: number,
  op: OperationOptions = {},
): Promise<BundleFileInfo> {
  requireWritable(ctx);
  const bundle = versionRow(ctx, caseId, version);
  const to = sources.storedPlan(caseId, version);
  const { base, pack } = supplementFor(ctx, sources, caseId, to);
  const toPath = fileOf(ctx, bundle.path);
  if (!existsSync(toPath))
    throw new ApiError(
      'not-found',
      `The file of version ${version} is missing, so its pages cannot be copied.`,
    );
  op.onProgress?.({ message: 'Making the supplementary pack', done: 0, total: 2 });
  const input: SupplementInput = {
    pack,
    to,
    toPath,
    fromFingerprint: base.fingerprint,
    toFingerprint: bundle.fingerprint,
    caseTitle: sources.caseTitle(caseId),
  };
  let rendered: Awaited<ReturnType<typeof renderSupplement>>;
  const path = join(ctx.paths.bundles, String(caseId), `v${version}-supplement.pdf`);
  return recordFile(
    ctx,
    bundle,
    'supplement',
    0,
    path,
    async (file) => {
      rendered = await renderSupplement(input, file);
      return {
        pageCount: rendered.labels.length,
        details: supplementDetails(pack, rendered, { from: base.fingerprint, to: bundle.fingerprint }),
      };
    },
    (tempPath) => {
      op.onProgress?.({ message: 'Checking the supplementary pack', done: 1, total: 2 });
      return verifySupplement(tempPath, {
        labels: rendered.labels,
        bookmarks: rendered.bookmarks,
        pages: pack.pages,
        frontPages: rendered.frontPages,
        toPath,
      });
    },
  );
}

/** Room left in each part for its cover sheet and the font it is set in. */
const COVER_ALLOWANCE = 200 * 1024;
const LAYOUT_ATTEMPTS = 5;

/**
 * Splits a built version into delivery parts under the case's size limit (default 20 MB), each written,
 * verified (its pages are the bundle's, with their numbers and bookmarks) and recorded; parts made before
 * for the version are replaced.
 */
export async function makeParts(
  ctx: ServiceContext,
  sources: SupplementSources,
  caseId: number,
  version: number,
  op: OperationOptions & { sizeMb?: number } = {},
): Promise<BundleFileInfo[]> {
  requireWritable(ctx);
  const bundle = versionRow(ctx, caseId, version);
  const plan = sources.storedPlan(caseId, version);
  const bundlePath = fileOf(ctx, bundle.path);
  if (!existsSync(bundlePath))
    throw new ApiError('not-found', `The file of version ${version} is missing, so it cannot be split.`);
  const limitMb =
    op.sizeMb ??
    first<Pick<CaseRow, 'part_size_mb'>>(ctx.db, 'SELECT part_size_mb FROM cases WHERE id = ?', caseId)
      ?.part_size_mb ??
    DEFAULT_PART_SIZE_MB;
  const limitBytes = limitMb * 1024 * 1024;
  op.onProgress?.({ message: 'Measuring the pages', done: 0, total: 1 });
  const sizes = pageSizes(bundlePath);
  const units = unitsOf(plan);
  const source = await loadBundle(bundlePath);
  // Links go to pages that may be in another part: copying them would copy those pages too.
  for (const page of source.getPages()) dropLinks(page);

  let budget = limitBytes - COVER_ALLOWANCE;
  // Each part goes to its temp file as soon as it is made (a bundle of 200 MB is not held twice in memory);
  // a layout with a part over the limit discards them all and lays out again.
  let rendered: (Omit<RenderedPart, 'bytes'> & { file: AtomicFile })[] = [];
  const discardAll = () => {
    for (const r of rendered) r.file.discard();
    rendered = [];
  };
  let ranges: { from: number; to: number }[] = [];
  try {
    for (let attempt = 0; attempt < LAYOUT_ATTEMPTS; attempt++) {
      ranges = layOut(units, sizes, budget).parts;
      const documentParts = plan.documents.map((d) => {
        const holding = ranges.flatMap((r, i) =>
          d.firstPage <= r.to && d.firstPage + d.pageCount - 1 >= r.from ? [i + 1] : [],
        );
        return {
          tab: d.tab,
          title: d.title,
          pages: formatRange(d.firstLabel, d.lastLabel),
          part: holding.length > 1 ? `${holding[0]}–${holding[holding.length - 1]}` : String(holding[0]),
        };
      });
      discardAll();
      let over = 0;
      for (const [i, range] of ranges.entries()) {
        op.signal?.throwIfAborted();
        op.onProgress?.({
          message: `Making part ${i + 1} of ${ranges.length}`,
          done: i,
          total: ranges.length,
        });
        const part = await renderPart(
          {
            plan,
            bundlePath,
            fingerprint: bundle.fingerprint,
            caseTitle: sources.caseTitle(caseId),
            limitBytes,
            part: i + 1,
            parts: ranges.length,
            from: range.from,
            to: range.to,
            documentParts,
          },
          source,
        );
        part.details.emailSubject = partEmailSubject(plan.cover, {
          part: i + 1,
          parts: ranges.length,
          first: part.details.firstLabel,
          last: part.details.lastLabel,
        });
        over = Math.max(over, part.bytes.length / limitBytes);
        const file = new AtomicFile(join(ctx.paths.bundles, String(caseId), `v${version}-part${i + 1}.pdf`), {
          journalDir: ctx.paths.tempJournal,
        });
        const { bytes, ...kept } = part;
        rendered.push({ ...kept, file });
        file.write(bytes);
      }
      if (over <= 1) break;
      if (ranges.some((r, i) => r.from === r.to && rendered[i].file.size > limitBytes))
        throw new ApiError(
          'refused',
          `A single page of version ${version} is larger than ${limitMb} MB on its own, so it cannot be sent in parts of that size. Raise the part size in the case settings.`,
        );
      budget = Math.floor((budget / over) * 0.95);
      if (attempt === LAYOUT_ATTEMPTS - 1)
        throw new ApiError(
          'internal',
          `The parts could not be made under ${limitMb} MB. Please report this.`,
        );
    }
  } catch (error) {
    discardAll();
    throw error;
  }

  // Parts made before for this version are replaced.
  ctx.db
    .prepare("DELETE FROM bundle_files WHERE bundle_id = ? AND kind = 'part' AND part > ?")
    .run(bundle.id, rendered.length);
  const made: BundleFileInfo[] = [];
  for (const [i, part] of rendered.entries()) {
    // A part that fails its check is discarded by recordWritten; the parts after it are not kept either.
    const discardRest = () => rendered.slice(i + 1).forEach((r) => r.file.discard());
    made.push(
      await recordWritten(
        ctx,
        bundle,
        'part',
        i + 1,
        part.file,
        { pageCount: part.labels.length, details: part.details },
        (tempPath) => {
          op.onProgress?.({ message: `Checking part ${i + 1}`, done: i, total: rendered.length });
          return verifySupplement(tempPath, {
            labels: part.labels,
            bookmarks: part.bookmarks,
            pages: Array.from({ length: ranges[i].to - ranges[i].from + 1 }, (_, k) => ranges[i].from + k),
            frontPages: part.frontPages,
            toPath: bundlePath,
          });
        },
      ).catch((error: unknown) => {
        discardRest();
        throw error;
      }),
    );
  }
  return made;
}
