import { ApiError } from '../../../shared/api/errors';
import type { ImportFile } from '../../../shared/api/contract';
import type { DocumentKind, ImportOutcome } from '../../../shared/domain/types';
import type { OperationOptions, ServiceContext } from '../context';

export interface ImportRequest {
  caseId: number;
  section: string;
  files: ImportFile[];
  title?: string;
  documentDate?: string;
  kind?: DocumentKind;
}

// Placeholder until the import pipeline lands (issue 2).
export async function importFiles(
  _ctx: ServiceContext,
  _request: ImportRequest,
  _op: OperationOptions = {},
): Promise<ImportOutcome[]> {
  throw new ApiError('internal', 'Import is not built yet.');
}
