/**
 * The bundle service: plan (instant, for the index preview), build (progress, cancellation, verification,
 * atomic write, a new version each time), versions, the changed-pages report, issuing a version, and the
 * rule pack of a case.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { join, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import { describeBlocking, type BlockingDocument } from '../../../shared/bundle/buildFailure';
import { diffPlans, type BundleDiff } from '../../../shared/bundle/diff';
import { issuedBaseFromPlan, planBundle, type PlanInput } from '../../../shared/bundle/plan';
import { resolveBundleSettings, type BundleSettings } from '../../../shared/bundle/settings';
import {
  LATE_INSERT_MODES,
  type BundlePlan,
  type BundlePreview,
  type BundleVersion,
  type PlanDocument,
  type PlanOptions,
  type VerificationResult,
} from '../../../shared/bundle/types';
import type { Case } from '../../../shared/domain/case';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { describePageSelection, formatPageSelection } from '../../../shared/domain/pageSelection';
import { packForAppealType, type RulePack } from '../../../shared/rules/index';
import { cleanOptional, cleanText } from '../../../shared/text/controls';
import { requireCase } from '../../db/caseRecords';
import { BundlePlanJson, ComplianceSummaryJson, VerificationJson } from '../../db/jsonColumns';
import { all, exists, first, jsonColumn } from '../../db/query';
import type { BundleRow, PageAllowanceRow, ReportDetailsRow } from '../../db/schema';
import type { CaseService } from '../cases';
import { requireWritable, type OperationOptions, type ServiceContext } from '../context';
import { listDocuments } from '../documents/records';
import type { WitnessService } from '../witnesses';
import { AtomicFile } from '../../store/atomicFile';
import { lookForCoveredText } from '../documents/coveredText';
import { sha256OfFile } from '../../store/fileStore';
import { changedStoredPdfs } from '../storedFiles';
import { renderBundle, type RenderedBundle } from './engine';
import {
  bundleFileById,
  filesOf,
  makeParts,
  makeSupplement,
  supplementFor,
  type SupplementSources,
} from './delivery';
import { measureWithDejaVu } from './fonts';
import { PageTextReader } from '../pdf/read/text';
import { verifyBundle, type VerifyDepth } from './verify';

const LateInsertMode = z.enum(LATE_INSERT_MODES);

/** A version as listed: every column but the plan, and the two settings listing needs from it. */
type VersionRow = Omit<BundleRow, 'plan'> & { late_insert_mode: string; dividers: number };
const VERSION_COLUMNS = `id, case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack,
  numbering, issued, compliance_summary, verification, fingerprint,
  json_extract(plan, '$.lateInsertMode') AS late_insert_mode, json_extract(plan, '$.dividers') AS dividers`;

/** Where a recorded bundle file is: rows hold paths relative to the bundles folder (migration 6). */
function bundleFile(ctx: ServiceContext, recorded: string): string {
  return resolve(ctx.paths.bundles, recorded);
}

/**
 * What the plan sees of a document only some of whose pages go in: those pages, an index title that says
 * so, and an identity of its own (other pages are another document: numbers kept across versions, and the
 * same-document check, go by it).
 */
function keptPagesView(d: DocumentRecord): Partial<PlanDocument> {
  const kept = d.keptPages;
  if (!kept) return {};
  const place = new Map(kept.map((page, i) => [page, i + 1]));
  return {
    title: `${cleanText(d.title) || 'Untitled document'} (extract: ${describePageSelection(kept, d.pageCount)})`,
    pageCount: kept.length,
    sha256: `${d.sha256}:pages=${formatPageSelection(kept)}`,
    fileSha256: d.ocrSha256 ?? d.sha256,
    keptPages: kept,
    filePageCount: d.pageCount,
    pageSizes: kept.flatMap((page) => d.pageSizes[page - 1] ?? []),
    pagesWithoutText: d.pagesWithoutText.flatMap((page) => place.get(page) ?? []),
    ...(d.coveredTextPages
      ? { coveredTextPages: d.coveredTextPages.flatMap((page) => place.get(page) ?? []) }
      : {}),
    ...(d.redactionMarkPages
      ? { redactionMarkPages: d.redactionMarkPages.flatMap((page) => place.get(page) ?? []) }
      : {}),
  };
}

function versionFromRow(ctx: ServiceContext, row: VersionRow): BundleVersion {
  const path = bundleFile(ctx, row.path);
  const available = existsSync(path);
  return {
    id: row.id,
    caseId: row.case_id,
    version: row.version,
    createdAt: row.created_at,
    compiledDate: row.compiled_date,
    pageCount: row.page_count,
    sha256: row.sha256,
    sizeBytes: available ? statSync(path).size : 0,
    path,
    available,
    rulePack: row.rule_pack,
    numbering: row.numbering,
    lateInsertMode: LateInsertMode.parse(row.late_insert_mode),
    dividers: row.dividers === 1,
    issued: row.issued === 1,
    compliance: jsonColumn(ComplianceSummaryJson, row.compliance_summary, 'bundles.compliance_summary'),
    verification: jsonColumn(VerificationJson, row.verification, 'bundles.verification'),
    fingerprint: row.fingerprint,
    files: filesOf(ctx, row.id),
  };
}

/** One recorded version, as listed. */
function versionRow(ctx: ServiceContext, where: string, ...params: number[]): VersionRow | undefined {
  return first<VersionRow>(ctx.db, `SELECT ${VERSION_COLUMNS} FROM bundles WHERE ${where}`, ...params);
}

export interface BuildOptions extends OperationOptions {
  /** Also make the supplementary pack: the new and changed pages since the version last sent. */
  supplement?: boolean;
  /** Where to put a copy of the finished bundle as well (CLI --out). Written atomically too. */
  copyTo?: string;
  /** How much of the text a second reader checks after writing: a sample (default) or every page. */
  verify?: VerifyDepth;
}

/** The services the bundle service reads the case through. */
export interface BundleServiceDeps {
  cases: CaseService;
  witnesses: WitnessService;
}

export function createBundleService(ctx: ServiceContext, { cases, witnesses }: BundleServiceDeps) {
  const { db } = ctx;

  function versionOf(caseId: number, version: number): VersionRow {
    const row = versionRow(ctx, 'case_id = ? AND version = ?', caseId, version);
    if (!row) throw new ApiError('not-found', `This case has no bundle version ${version}.`);
    return row;
  }

  function storedPlan(caseId: number, version: number): BundlePlan {
    const row = first<Pick<BundleRow, 'plan'>>(
      db,
      'SELECT plan FROM bundles WHERE case_id = ? AND version = ?',
      caseId,
      version,
    );
    if (!row) throw new ApiError('not-found', `This case has no bundle version ${version}.`);
    return jsonColumn(BundlePlanJson, row.plan, 'bundles.plan');
  }

  /** Everything the pure planner needs, read from the case store. */
  function planInput(c: Case, leaveOut: readonly number[] = []): PlanInput {
    const caseId = c.id;
    const pack = packForAppealType(c.appealType);
    const appellants = cases
      .listParties(caseId)
      .filter((p) => p.kind === 'appellant' || p.kind === 'young-person')
      .map((p) => cleanText(p.name));
    const assessed = new Map(
      all<Pick<ReportDetailsRow, 'document_id' | 'assessment_date'>>(
        db,
        `SELECT r.document_id, r.assessment_date FROM report_details r JOIN documents d ON d.id = r.document_id
         WHERE d.case_id = ?`,
        caseId,
      ).map((r) => [r.document_id, r.assessment_date]),
    );
    return {
      pack,
      planCase: {
        id: c.id,
        title: cleanText(c.title),
        appealType: c.appealType,
        childName: cleanOptional(c.childName),
        laName: cleanOptional(c.laName),
        tribunalRef: cleanOptional(c.tribunalRef),
        hearingDate: c.hearingDate,
        extended: c.extended,
        extendedHealth: c.extendedHealth,
        extendedSocialCare: c.extendedSocialCare,
        appellants,
        allowances: all<Pick<PageAllowanceRow, 'part_id' | 'pages' | 'basis' | 'granted_date'>>(
          db,
          'SELECT part_id, pages, basis, granted_date FROM page_allowances WHERE case_id = ?',
          caseId,
        ).map((a) => ({ partId: a.part_id, pages: a.pages, basis: a.basis, grantedDate: a.granted_date })),
      },
      documents: listDocuments(ctx, caseId).map((d) => ({
        id: d.id,
        section: d.section,
        // Titles stored by an older version may hold control characters, which readers drop from
        // bookmarks (the bundle's check would then fail): the bundle uses the cleaned title.
        title: cleanText(d.title) || 'Untitled document',
        documentDate: d.documentDate,
        kind: d.kind,
        pageCount: d.pageCount,
        sha256: d.sha256,
        ...(d.ocrSha256 ? { fileSha256: d.ocrSha256 } : {}),
        pageSizes: d.pageSizes,
        pagesWithoutText: d.pagesWithoutText,
        ...(d.coveredTextPages ? { coveredTextPages: d.coveredTextPages } : {}),
        ...(d.redactionMarkPages ? { redactionMarkPages: d.redactionMarkPages } : {}),
        included: d.included && !leaveOut.includes(d.id),
        assessmentDate: assessed.get(d.id) ?? null,
        ...keptPagesView(d),
      })),
      witnesses: witnesses
        .list(caseId)
        .map((w) => ({ name: w.name, party: w.party, attending: w.attending })),
    };
  }

  const supplementSources: SupplementSources = {
    storedPlan,
    caseTitle: (caseId) => cleanText(cases.get(caseId).title),
  };

  function plan(caseId: number, settings: BundleSettings = {}): BundlePlan {
    const theCase = cases.get(caseId);
    const input = planInput(theCase, settings.leaveOut);
    // Two numbers, not every stored plan: the last version, and the last one sent (whose plan is read).
    const versions = first<{ latest: number | null; issued: number | null }>(
      db,
      'SELECT MAX(version) AS latest, MAX(CASE WHEN issued = 1 THEN version END) AS issued FROM bundles WHERE case_id = ?',
      caseId,
    );
    const options: PlanOptions = {
      ...resolveBundleSettings(settings, {
        caseNumbering: theCase.numbering,
        today: ctx.clock().toISOString().slice(0, 10),
        casePages: theCase.pageSettings,
      }),
      version: (versions?.latest ?? 0) + 1,
      issued: versions?.issued ? issuedBaseFromPlan(storedPlan(caseId, versions.issued)) : null,
    };
    return planBundle(input, options, measureWithDejaVu);
  }

  /** The plan for the screen: and whether it would only give the latest version's pages again. */
  async function preview(caseId: number, settings: BundleSettings = {}): Promise<BundlePreview> {
    await lookForCoveredText(ctx, caseId);
    const planned = plan(caseId, settings);
    const latest = planned.version - 1;
    const pagesOf = (p: BundlePlan) => JSON.stringify(p.pages.map((page) => [page.label, page.fingerprint]));
    const same = latest > 0 && pagesOf(storedPlan(caseId, latest)) === pagesOf(planned);
    return { ...planned, sameAsVersion: same ? latest : null };
  }

  return {
    plan,
    preview,
    planInput,

    /** Builds, verifies and records a new version. A bundle that fails verification is not recorded. */
    async build(
      caseId: number,
      settings: BundleSettings = {},
      op: BuildOptions = {},
    ): Promise<BundleVersion> {
      requireWritable(ctx);
      await lookForCoveredText(ctx, caseId, op);
      const planned = plan(caseId, settings);
      if (planned.documents.length === 0) {
        throw new ApiError(
          'refused',
          'There are no documents in this case to put in a bundle yet. Add some first.',
        );
      }
      // A pack that cannot be made is said before anything is built.
      if (op.supplement) supplementFor(ctx, supplementSources, caseId, planned);
      const version = await buildFromPlan(ctx, planned, op);
      if (!op.supplement) return version;
      await makeSupplement(ctx, supplementSources, caseId, version.version, op);
      return versionFromRow(ctx, versionOf(caseId, version.version));
    },

    /** Splits a built version into delivery parts under the case's size limit (default 20 MB). */
    parts(caseId: number, version: number, op: OperationOptions & { sizeMb?: number } = {}) {
      return makeParts(ctx, supplementSources, caseId, version, op);
    },

    /** A file made from a version (supplementary pack, delivery part) by its id, or null. */
    file(id: number) {
      return bundleFileById(ctx, id);
    },

    /** Makes (again) the supplementary pack of a version: its new and changed pages since the last one sent. */
    supplement(caseId: number, version: number, op: OperationOptions = {}) {
      return makeSupplement(ctx, supplementSources, caseId, version, op);
    },

    versions(caseId: number): BundleVersion[] {
      requireCase(db, caseId);
      return all<VersionRow>(
        db,
        `SELECT ${VERSION_COLUMNS} FROM bundles WHERE case_id = ? ORDER BY version`,
        caseId,
      ).map((row) => versionFromRow(ctx, row));
    },

    /** The plan a version was built from (for the checker and the version screen). */
    versionPlan(caseId: number, version: number): BundlePlan {
      return storedPlan(caseId, version);
    },

    diff(caseId: number, fromVersion: number, toVersion: number): BundleDiff {
      return diffPlans(storedPlan(caseId, fromVersion), storedPlan(caseId, toVersion));
    },

    /** Marks a version as sent: documents added after it are numbered around it (late inserts). */
    issue(caseId: number, version: number): BundleVersion {
      versionOf(caseId, version);
      db.prepare('UPDATE bundles SET issued = 1 WHERE case_id = ? AND version = ?').run(caseId, version);
      return versionFromRow(ctx, versionOf(caseId, version));
    },

    /**
     * Undoes "Mark as sent" while nothing was built on top of it: once a later version exists, its page
     * numbers were worked out from this one being sent, so it stays sent.
     */
    unissue(caseId: number, version: number): BundleVersion {
      const row = versionOf(caseId, version);
      const later = first<Pick<BundleRow, 'version'>>(
        db,
        'SELECT version FROM bundles WHERE case_id = ? AND version > ? ORDER BY version LIMIT 1',
        caseId,
        version,
      );
      if (later) {
        throw new ApiError(
          'conflict',
          `Version ${later.version} was built after version ${version} was marked as sent, and its page numbers ` +
            `follow from that, so version ${version} stays marked as sent.`,
        );
      }
      if (row.issued === 1)
        db.prepare('UPDATE bundles SET issued = 0 WHERE case_id = ? AND version = ?').run(caseId, version);
      return versionFromRow(ctx, versionOf(caseId, version));
    },

    rules(caseId: number): RulePack {
      return packForAppealType(cases.get(caseId).appealType);
    },
  };
}

function bundlePath(ctx: ServiceContext, caseId: number, version: number): string {
  return join(ctx.paths.bundles, String(caseId), `v${version}.pdf`);
}

/**
 * Refuses to build from a stored document file that is no longer the one added (storedFiles.ts), naming the
 * documents so the bundle screen can offer to build without them.
 */
async function refuseChangedDocuments(ctx: ServiceContext, plan: BundlePlan, op: BuildOptions) {
  const { signal } = op;
  const fileOf = (doc: BundlePlan['documents'][number]) => doc.fileSha256 ?? doc.sha256;
  let changed: Set<string>;
  try {
    const files = plan.documents.map(fileOf);
    const onFile = (done: number, total: number) =>
      op.onProgress?.({ message: 'Checking the documents are as they were added', done, total });
    changed = new Set(await changedStoredPdfs(ctx, files, signal, onFile));
  } catch (error) {
    if (signal?.aborted)
      throw new ApiError('cancelled', 'Building the bundle was stopped. Nothing was saved.');
    throw error;
  }
  if (!changed.size) return;
  const blocking = plan.documents
    .filter((doc) => changed.has(fileOf(doc)))
    .map((doc) => ({ documentId: doc.documentId, tab: doc.tab, title: doc.title }));
  const one = blocking.length === 1;
  throw new ApiError(
    'conflict',
    `The app's ${one ? 'copy' : 'copies'} of ${describeBlocking(blocking)} ${one ? 'has' : 'have'} changed since ${one ? 'it was' : 'they were'} added to the case, so the bundle was not built: ${one ? 'its' : 'their'} pages may not be the ones you added. Another program may have changed the file in the case folder, or the disk may be failing. Remove ${one ? 'the document' : 'them'} and add ${one ? 'it' : 'them'} again from your own copy, or build the bundle without ${one ? 'it' : 'them'}. Nothing has changed.`,
    { blockingDocuments: blocking },
  );
}

/**
 * Renders `plan` to a temp file, verifies the file, and only then moves it to bundles/<case>/v<N>.pdf and
 * records it. Exported so tests can hand it a deliberately corrupted plan.
 */
export async function buildFromPlan(
  ctx: ServiceContext,
  plan: BundlePlan,
  op: BuildOptions = {},
): Promise<BundleVersion> {
  const path = bundlePath(ctx, plan.caseId, plan.version);
  await refuseChangedDocuments(ctx, plan, op);
  // The file's SHA-256 is read from disk once the bundle is written, while it is verified.
  const file = new AtomicFile(path, { hash: false });
  let verification: VerificationResult;
  let sha256: string;
  let identity: RenderedBundle;
  // The verifier's second reader (pdf.js, in a worker thread) loads while the bundle is built.
  const text = PageTextReader.start();
  try {
    identity = await renderBundle(
      plan,
      (doc) => ctx.store.pdfPath(doc.fileSha256 ?? doc.sha256),
      { write: (chunk) => file.write(chunk), readBack: () => ({ path: file.tempPath }) },
      { ...op, digestHelper: text },
    );
    // Flushed to disk on the thread pool while the bundle is verified; committed only after both.
    const durable = file.finishInBackground();
    durable.catch(() => {}); // Awaited below.
    op.onProgress?.({ message: 'Checking the finished bundle', done: 0, total: plan.pageCount });
    const verifying = verifyBundle(file.tempPath, plan, {
      signal: op.signal,
      depth: op.verify,
      text,
      identity,
      onPage: (done, total) => op.onProgress?.({ message: 'Checking the finished bundle', done, total }),
    });
    // Hashed in this thread while it waits for verification's pdf.js pages in the reader's thread.
    const hashed = sha256OfFile(file.tempPath);
    hashed.catch(() => {}); // Awaited below.
    verification = await verifying;
    await durable;
    sha256 = await hashed;
  } catch (error) {
    file.discard();
    if (op.signal?.aborted)
      throw new ApiError('cancelled', 'Building the bundle was stopped. Nothing was saved.');
    throw error;
  } finally {
    // Kept for the next build (a rebuild after a late document), unless it stopped part way.
    await text.release();
  }
  if (!verification.ok) {
    file.discard();
    const first = verification.checks.find((c) => !c.ok)?.problems[0] ?? 'an unknown problem';
    const blocking = documentsOnFailedPages(plan, verification);
    throw new ApiError(
      'internal',
      blocking.length
        ? `The bundle was built but failed its final check because of ${describeBlocking(blocking)} (${first}), so it was not saved. Nothing has changed. You can build the bundle without ${blocking.length === 1 ? 'it' : 'them'}; please report this.`
        : `The bundle was built but failed its final check, so it was not saved (${first}). Nothing has changed; please report this.`,
      { ...verification, blockingDocuments: blocking },
    );
  }

  const summary = {
    breaches: plan.findings.filter((f) => f.severity === 'breach').length,
    warnings: plan.findings.filter((f) => f.severity === 'warning').length,
    info: plan.findings.filter((f) => f.severity === 'info').length,
  };
  let copy: AtomicFile | undefined;
  if (op.copyTo) {
    try {
      copy = new AtomicFile(op.copyTo, { journalDir: ctx.paths.tempJournal });
      for await (const chunk of createReadStream(file.tempPath, { highWaterMark: 4 * 1024 * 1024 }))
        copy.write(chunk as Uint8Array);
      copy.finish();
    } catch (error) {
      // The copy's disk full (or gone): neither the copy nor the version is kept, and no temp file stays.
      copy?.discard();
      file.discard();
      throw error;
    }
  }
  const record = ctx.db.transaction(() => {
    const taken = exists(
      ctx.db,
      'SELECT 1 FROM bundles WHERE case_id = ? AND version = ?',
      plan.caseId,
      plan.version,
    );
    if (taken) {
      throw new ApiError(
        'conflict',
        'Another bundle for this case was saved while this one was being built. Build again.',
      );
    }
    const info = ctx.db
      .prepare(
        `INSERT INTO bundles (case_id, version, created_at, compiled_date, page_count, sha256, path, rule_pack,
           numbering, issued, plan, compliance_summary, verification, fingerprint)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
      )
      .run(
        plan.caseId,
        plan.version,
        ctx.clock().toISOString(),
        plan.compiledDate,
        plan.pageCount,
        sha256,
        relative(ctx.paths.bundles, path).split(sep).join('/'),
        plan.rulePack.id,
        plan.numbering,
        JSON.stringify(plan),
        JSON.stringify(summary),
        JSON.stringify(verification),
        identity.fingerprint,
      );
    // Last, so a failed rename rolls the row back: the database never points at a missing file.
    file.commit();
    return Number(info.lastInsertRowid);
  });
  let id: number;
  try {
    id = record.immediate();
  } catch (error) {
    file.discard();
    copy?.discard();
    throw error;
  }
  copy?.commit();
  const recorded = versionRow(ctx, 'id = ?', id);
  if (!recorded) throw new Error(`Bundle ${id} was recorded but cannot be read back.`);
  return versionFromRow(ctx, recorded);
}

/** The documents whose pages a failed verification names ("Page 7 …"): what to offer to leave out. */
function documentsOnFailedPages(plan: BundlePlan, verification: VerificationResult): BlockingDocument[] {
  const ids = new Set<number>();
  for (const check of verification.checks) {
    if (check.ok) continue;
    for (const problem of check.problems) {
      const page = /^Page (\d+)/.exec(problem);
      const id = page ? plan.pages[Number(page[1]) - 1]?.documentId : undefined;
      if (id !== undefined) ids.add(id);
    }
  }
  return plan.documents
    .filter((d) => ids.has(d.documentId))
    .map((d) => ({ documentId: d.documentId, tab: d.tab, title: d.title }));
}
