import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseExportResult, CaseImportResult } from '../../../shared/domain/case';
import type { ImportFile } from '../../../shared/api/contract';
import type { OperationOptions, ServiceContext } from '../context';
import { first } from '../../db/query';
import type { CaseRow } from '../../db/schema';
import { exportCase } from './export';
import { suggestedArchiveName } from './format';
import { importCase, type ImportCaseOptions } from './import';

export { suggestedArchiveName };

/** Export and import of whole cases ("move to a new laptop", "send to an adviser"). */
export function createArchiveService(ctx: ServiceContext) {
  return {
    /** Writes to the path the user chose (desktop Save dialog, CLI --out). */
    exportTo: (caseId: number, outPath: string, op?: OperationOptions) =>
      exportCase(ctx, caseId, outPath, op),

    /**
     * Writes into the data folder's `exports/` (the renderer cannot name a path to write: a damaged or
     * hostile page must not be able to overwrite the user's files) and says where it went.
     */
    async export(caseId: number, op?: OperationOptions): Promise<CaseExportResult> {
      const title =
        first<Pick<CaseRow, 'title'>>(ctx.db, 'SELECT title FROM cases WHERE id = ?', caseId)?.title ??
        'Case';
      const dir = join(ctx.paths.dataDir, 'exports');
      mkdirSync(dir, { recursive: true });
      const base = suggestedArchiveName(title, ctx.clock());
      let fileName = base;
      for (let n = 2; existsSync(join(dir, fileName)); n++) fileName = base.replace(/\.zip$/, ` (${n}).zip`);
      const result = await exportCase(ctx, caseId, join(dir, fileName), op);
      return { ...result, fileName };
    },

    import: (
      file: ImportFile,
      options: ImportCaseOptions = {},
      op?: OperationOptions,
    ): Promise<CaseImportResult> =>
      importCase(ctx, 'path' in file ? { path: file.path, name: file.name } : file, options, op),
  };
}
