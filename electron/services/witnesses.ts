import { ApiError } from '../../shared/api/errors';
import type {
  Recommendation,
  RecommendationFields,
  Witness,
  WitnessFields,
} from '../../shared/domain/caseRecords';
import { extendedAllowed, extendedRefusal } from '../../shared/rules/extendedAppeals';
import { cleanOptional, cleanText } from '../../shared/text/controls';
import { caseChildren, requireCase } from '../db/caseRecords';
import { first } from '../db/query';
import type { DocumentRow, RecommendationRow, WitnessRow } from '../db/schema';
import type { ServiceContext } from './context';

function witnessFromRow(row: WitnessRow): Witness {
  return {
    id: row.id,
    caseId: row.case_id,
    name: row.name,
    role: row.role,
    organisation: row.organisation,
    party: row.party,
    attending: row.attending === 1,
    needsInterpreter: row.needs_interpreter === 1,
    interpreterLanguage: row.interpreter_language,
    accessNeeds: row.access_needs,
    statementDocumentId: row.statement_document_id,
  };
}

function recommendationFromRow(row: RecommendationRow): Recommendation {
  return {
    id: row.id,
    caseId: row.case_id,
    area: row.area,
    text: row.text,
    madeDate: row.made_date,
    responder: row.responder,
    tribunalDueDate: row.tribunal_due_date,
    decision: row.decision,
    responseText: row.response_text,
    respondedDate: row.responded_date,
    decisionSentDate: row.decision_sent_date,
    countFrom: row.count_from,
  };
}

export function createWitnessService(ctx: ServiceContext) {
  const { db } = ctx;
  const records = caseChildren(db, 'witnesses', {
    orderBy: 'id',
    notInCase: 'That witness is not in this case.',
  });
  return {
    list(caseId: number): Witness[] {
      return records.list(caseId).map(witnessFromRow);
    },
    save(caseId: number, witnessId: number | undefined, fields: WitnessFields): Witness {
      requireCase(db, caseId);
      if (fields.statementDocumentId != null) {
        const doc = first<Pick<DocumentRow, 'case_id'>>(
          db,
          'SELECT case_id FROM documents WHERE id = ?',
          fields.statementDocumentId,
        );
        if (!doc || doc.case_id !== caseId)
          throw new ApiError('invalid-input', 'The statement chosen is not in this case.');
      }
      const name = cleanText(fields.name);
      if (name === '') throw new ApiError('invalid-input', 'Give the name in letters.');
      const row = records.save(caseId, witnessId, {
        name,
        role: cleanOptional(fields.role) || null,
        organisation: cleanOptional(fields.organisation) || null,
        party: fields.party,
        attending: fields.attending === false ? 0 : 1,
        needs_interpreter: fields.needsInterpreter ? 1 : 0,
        interpreter_language: fields.interpreterLanguage ?? null,
        access_needs: fields.accessNeeds ?? null,
        statement_document_id: fields.statementDocumentId ?? null,
      });
      return witnessFromRow(row);
    },
    remove(caseId: number, witnessId: number): { removed: true } {
      records.remove(caseId, witnessId);
      return { removed: true };
    },
  };
}

export function createRecommendationService(ctx: ServiceContext) {
  const { db } = ctx;
  const records = caseChildren(db, 'recommendations', {
    orderBy: 'made_date, id',
    notInCase: 'That recommendation is not in this case.',
  });
  return {
    list(caseId: number): Recommendation[] {
      return records.list(caseId).map(recommendationFromRow);
    },
    save(caseId: number, recommendationId: number | undefined, fields: RecommendationFields): Recommendation {
      const { appeal_type: appealType } = requireCase(db, caseId);
      // The Recommendations Power Regulations 2017 reach appeals under s.51(2)(b)–(f) of the Children and
      // Families Act 2014 only: not a refusal to assess (s.51(2)(a)), nor a disability discrimination claim.
      if (!extendedAllowed(appealType)) throw new ApiError('invalid-input', extendedRefusal(appealType));
      const countFrom = fields.countFrom ?? 'made';
      if (countFrom === 'sent' && !fields.decisionSentDate)
        throw new ApiError(
          'invalid-input',
          'To count the 5 weeks from the date the decision was sent, give that date.',
          { fields: ['decisionSentDate'] },
        );
      if (fields.decisionSentDate && fields.decisionSentDate < fields.madeDate)
        throw new ApiError(
          'invalid-input',
          'The decision cannot have been sent before the recommendation in it was made. Check the two dates.',
          { fields: ['decisionSentDate'] },
        );
      const row = records.save(caseId, recommendationId, {
        area: fields.area,
        text: fields.text,
        made_date: fields.madeDate,
        responder: fields.responder ?? null,
        tribunal_due_date: fields.tribunalDueDate ?? null,
        decision: fields.decision ?? null,
        response_text: fields.responseText ?? null,
        responded_date: fields.respondedDate ?? null,
        decision_sent_date: fields.decisionSentDate ?? null,
        count_from: countFrom,
      });
      return recommendationFromRow(row);
    },
    remove(caseId: number, recommendationId: number): { removed: true } {
      records.remove(caseId, recommendationId);
      return { removed: true };
    },
  };
}

export type WitnessService = ReturnType<typeof createWitnessService>;
export type RecommendationService = ReturnType<typeof createRecommendationService>;
