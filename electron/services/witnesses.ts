import { ApiError } from '../../shared/api/errors';
import type {
  AppealType,
  Recommendation,
  RecommendationFields,
  Witness,
  WitnessFields,
} from '../../shared/domain/types';
import { extendedAllowed, extendedRefusal } from '../../shared/rules/extendedAppeals';
import { cleanOptional, cleanText } from '../../shared/text/controls';
import type { ServiceContext } from './context';

type Row = Record<string, unknown>;

function witnessFromRow(row: Row): Witness {
  return {
    id: row.id as number,
    caseId: row.case_id as number,
    name: row.name as string,
    role: (row.role as string | null) ?? null,
    organisation: (row.organisation as string | null) ?? null,
    party: row.party as Witness['party'],
    attending: row.attending === 1,
    needsInterpreter: row.needs_interpreter === 1,
    interpreterLanguage: (row.interpreter_language as string | null) ?? null,
    accessNeeds: (row.access_needs as string | null) ?? null,
    statementDocumentId: (row.statement_document_id as number | null) ?? null,
  };
}

function recommendationFromRow(row: Row): Recommendation {
  return {
    id: row.id as number,
    caseId: row.case_id as number,
    area: row.area as Recommendation['area'],
    text: row.text as string,
    madeDate: row.made_date as string,
    responder: (row.responder as string | null) ?? null,
    tribunalDueDate: (row.tribunal_due_date as string | null) ?? null,
    decision: (row.decision as Recommendation['decision']) ?? null,
    responseText: (row.response_text as string | null) ?? null,
    respondedDate: (row.responded_date as string | null) ?? null,
    decisionSentDate: (row.decision_sent_date as string | null) ?? null,
    countFrom: (row.count_from as Recommendation['countFrom'] | null) ?? 'made',
  };
}

function requireCase(ctx: ServiceContext, caseId: number): void {
  if (!ctx.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId)) {
    throw new ApiError('not-found', `There is no case number ${caseId}.`);
  }
}

export function createWitnessService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    list(caseId: number): Witness[] {
      requireCase(ctx, caseId);
      return (db.prepare('SELECT * FROM witnesses WHERE case_id = ? ORDER BY id').all(caseId) as Row[]).map(
        witnessFromRow,
      );
    },
    save(caseId: number, witnessId: number | undefined, fields: WitnessFields): Witness {
      requireCase(ctx, caseId);
      if (fields.statementDocumentId != null) {
        const doc = db
          .prepare('SELECT case_id FROM documents WHERE id = ?')
          .get(fields.statementDocumentId) as { case_id: number } | undefined;
        if (!doc || doc.case_id !== caseId)
          throw new ApiError('invalid-input', 'The statement chosen is not in this case.');
      }
      const name = cleanText(fields.name);
      if (name === '') throw new ApiError('invalid-input', 'Give the name in letters.');
      const values = [
        name,
        cleanOptional(fields.role) || null,
        cleanOptional(fields.organisation) || null,
        fields.party,
        fields.attending === false ? 0 : 1,
        fields.needsInterpreter ? 1 : 0,
        fields.interpreterLanguage ?? null,
        fields.accessNeeds ?? null,
        fields.statementDocumentId ?? null,
      ];
      let id = witnessId;
      if (id === undefined) {
        id = Number(
          db
            .prepare(
              `INSERT INTO witnesses (case_id, name, role, organisation, party, attending, needs_interpreter,
                 interpreter_language, access_needs, statement_document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(caseId, ...values).lastInsertRowid,
        );
      } else {
        const info = db
          .prepare(
            `UPDATE witnesses SET name = ?, role = ?, organisation = ?, party = ?, attending = ?, needs_interpreter = ?,
               interpreter_language = ?, access_needs = ?, statement_document_id = ? WHERE id = ? AND case_id = ?`,
          )
          .run(...values, id, caseId);
        if (info.changes === 0) throw new ApiError('not-found', 'That witness is not in this case.');
      }
      return witnessFromRow(db.prepare('SELECT * FROM witnesses WHERE id = ?').get(id) as Row);
    },
    remove(caseId: number, witnessId: number): { removed: true } {
      const info = db.prepare('DELETE FROM witnesses WHERE id = ? AND case_id = ?').run(witnessId, caseId);
      if (info.changes === 0) throw new ApiError('not-found', 'That witness is not in this case.');
      return { removed: true };
    },
  };
}

export function createRecommendationService(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    list(caseId: number): Recommendation[] {
      requireCase(ctx, caseId);
      return (
        db
          .prepare('SELECT * FROM recommendations WHERE case_id = ? ORDER BY made_date, id')
          .all(caseId) as Row[]
      ).map(recommendationFromRow);
    },
    save(caseId: number, recommendationId: number | undefined, fields: RecommendationFields): Recommendation {
      requireCase(ctx, caseId);
      const { appeal_type: appealType } = db
        .prepare('SELECT appeal_type FROM cases WHERE id = ?')
        .get(caseId) as { appeal_type: AppealType };
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
      const values = [
        fields.area,
        fields.text,
        fields.madeDate,
        fields.responder ?? null,
        fields.tribunalDueDate ?? null,
        fields.decision ?? null,
        fields.responseText ?? null,
        fields.respondedDate ?? null,
        fields.decisionSentDate ?? null,
        countFrom,
      ];
      let id = recommendationId;
      if (id === undefined) {
        id = Number(
          db
            .prepare(
              `INSERT INTO recommendations (case_id, area, text, made_date, responder, tribunal_due_date, decision,
                 response_text, responded_date, decision_sent_date, count_from)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(caseId, ...values).lastInsertRowid,
        );
      } else {
        const info = db
          .prepare(
            `UPDATE recommendations SET area = ?, text = ?, made_date = ?, responder = ?, tribunal_due_date = ?,
               decision = ?, response_text = ?, responded_date = ?, decision_sent_date = ?, count_from = ?
             WHERE id = ? AND case_id = ?`,
          )
          .run(...values, id, caseId);
        if (info.changes === 0) throw new ApiError('not-found', 'That recommendation is not in this case.');
      }
      return recommendationFromRow(db.prepare('SELECT * FROM recommendations WHERE id = ?').get(id) as Row);
    },
    remove(caseId: number, recommendationId: number): { removed: true } {
      const info = db
        .prepare('DELETE FROM recommendations WHERE id = ? AND case_id = ?')
        .run(recommendationId, caseId);
      if (info.changes === 0) throw new ApiError('not-found', 'That recommendation is not in this case.');
      return { removed: true };
    },
  };
}
