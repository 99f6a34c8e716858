/**
 * Deadlines for a case: reads the case's dates, the dates typed in from the tribunal's letters
 * (`case_dates`), the recommendations and the orders, and runs the pure engine in shared/deadlines.
 */
import { ApiError } from '../../../shared/api/errors';
import { isoDateInLondon } from '../../../shared/dates';
import {
  complianceOrderKind,
  computeDeadlines,
  TRIBUNAL_SET_KINDS,
  type DeadlineInput,
  type DeadlineList,
  type TribunalSetKind,
} from '../../../shared/deadlines';
import type { TribunalOrder, TribunalOrderFields } from '../../../shared/domain/caseRecords';
import { caseChildren, requireCase } from '../../db/caseRecords';
import { all, exists } from '../../db/query';
import type { CaseDateRow, RecommendationRow, TribunalOrderRow } from '../../db/schema';
import type { ServiceContext } from '../context';

function orderFromRow(row: TribunalOrderRow): TribunalOrder {
  return { id: row.id, caseId: row.case_id, kind: row.kind, orderDate: row.order_date, notes: row.notes };
}

const isTribunalSetKind = (kind: string): kind is TribunalSetKind =>
  (TRIBUNAL_SET_KINDS as readonly string[]).includes(kind);

export function createDeadlineService(ctx: ServiceContext) {
  const { db } = ctx;

  const orders = caseChildren(db, 'tribunal_orders', {
    orderBy: 'order_date, id',
    notInCase: 'That order is not in this case.',
  });
  const caseRow = (caseId: number) => requireCase(db, caseId);

  function listOrders(caseId: number): TribunalOrder[] {
    return orders.list(caseId).map(orderFromRow);
  }

  /** The engine's input, read in one go. */
  function inputFor(caseId: number): DeadlineInput {
    const c = caseRow(caseId);
    const tribunalDates: DeadlineInput['tribunalDates'] = {};
    const doneDates: Record<string, string> = {};
    const directedDates: Record<string, string> = {};
    for (const row of all<CaseDateRow>(db, 'SELECT * FROM case_dates WHERE case_id = ?', caseId)) {
      if (row.due_date && isTribunalSetKind(row.kind)) tribunalDates[row.kind] = row.due_date;
      if (row.due_date && row.kind.startsWith('la-compliance:')) directedDates[row.kind] = row.due_date;
      if (row.done_date) doneDates[row.kind] = row.done_date;
    }
    const recommendations = all<RecommendationRow>(
      db,
      'SELECT * FROM recommendations WHERE case_id = ? ORDER BY made_date, id',
      caseId,
    ).map((r) => ({
      id: r.id,
      area: r.area,
      text: r.text,
      madeDate: r.made_date,
      tribunalDueDate: r.tribunal_due_date,
      respondedDate: r.responded_date,
      decisionSentDate: r.decision_sent_date,
      countFrom: r.count_from,
    }));
    return {
      appealType: c.appeal_type,
      decisionDate: c.decision_date,
      mediationCertificateDate: c.mediation_certificate_date,
      conductEndDate: c.conduct_end_date,
      conciliationDate: c.conciliation_date,
      phaseTransferDate: c.phase_transfer_date,
      phaseTransferKind: c.phase_transfer_kind,
      annualReviewDate: c.annual_review_date,
      registeredDate: c.registered_date,
      hearingDate: c.hearing_date,
      tribunalDates,
      doneDates,
      directedDates,
      recommendations,
      orders: listOrders(caseId).map((o) => ({ id: o.id, kind: o.kind, orderDate: o.orderDate })),
    };
  }

  function list(caseId: number, today?: string): DeadlineList {
    return computeDeadlines(inputFor(caseId), today ?? isoDateInLondon(ctx.clock()));
  }

  /** A recommendation id from "commissioner-response:12", checked to belong to the case. */
  function recommendationIdFrom(caseId: number, id: string): number | null {
    const m = /^commissioner-response:(\d+)$/.exec(id);
    if (!m) return null;
    const recId = Number(m[1]);
    if (!exists(db, 'SELECT 1 FROM recommendations WHERE id = ? AND case_id = ?', recId, caseId))
      throw new ApiError('not-found', 'That recommendation is not in this case.');
    return recId;
  }

  function upsertCaseDate(
    caseId: number,
    kind: string,
    column: 'due_date' | 'done_date',
    value: string | null,
  ) {
    db.prepare(
      `INSERT INTO case_dates (case_id, kind, ${column}) VALUES (?, ?, ?)
       ON CONFLICT (case_id, kind) DO UPDATE SET ${column} = excluded.${column}`,
    ).run(caseId, kind, value);
    db.prepare(
      'DELETE FROM case_dates WHERE case_id = ? AND kind = ? AND due_date IS NULL AND done_date IS NULL',
    ).run(caseId, kind);
  }

  return {
    list,
    inputFor,

    /**
     * Enters (or, with null, clears) a date from the tribunal's letter. It is kept exactly as given and
     * replaces the estimate. The hearing date is the case's own; a commissioner's response date is the
     * recommendation's.
     */
    setDate(caseId: number, kind: string, dueDate: string | null): DeadlineList {
      caseRow(caseId);
      const recId = recommendationIdFrom(caseId, kind);
      if (recId !== null) {
        db.prepare('UPDATE recommendations SET tribunal_due_date = ? WHERE id = ?').run(dueDate, recId);
      } else if (kind === 'hearing') {
        db.prepare('UPDATE cases SET hearing_date = ?, updated_at = ? WHERE id = ?').run(
          dueDate,
          ctx.clock().toISOString(),
          caseId,
        );
      } else if (isTribunalSetKind(kind)) {
        upsertCaseDate(caseId, kind, 'due_date', dueDate);
      } else if (/^la-compliance:\d+:[a-z-]+$/.test(kind)) {
        // A date the tribunal directed for one of the LA's compliance steps replaces the regulation period.
        const [, orderId, step] = kind.split(':');
        const order = listOrders(caseId).find((o) => o.id === Number(orderId));
        if (!order) throw new ApiError('not-found', 'That order is not in this case.');
        const orderKind = complianceOrderKind(order.kind);
        if (orderKind?.from === 'agreement')
          throw new ApiError(
            'invalid-input',
            'A mediation agreement is the parties’ own: the tribunal directs no date for it. Its period runs from the agreement.',
          );
        const steps = orderKind?.steps.map((s) => s.step) ?? [];
        if (!steps.includes(step))
          throw new ApiError(
            'invalid-input',
            `"${step}" is not a step of this order. Its steps are: ${steps.join(', ')}.`,
          );
        upsertCaseDate(caseId, kind, 'due_date', dueDate);
      } else {
        throw new ApiError(
          'invalid-input',
          `"${kind}" is not a date the tribunal sets. Use one of: ${TRIBUNAL_SET_KINDS.join(', ')}, commissioner-response:N, or la-compliance:ORDER:STEP.`,
        );
      }
      return list(caseId);
    },

    /** Marks a step done on a date (or, with null, not done). `id` is the deadline's id from the list. */
    markDone(caseId: number, id: string, doneDate: string | null): DeadlineList {
      caseRow(caseId);
      const recId = recommendationIdFrom(caseId, id);
      if (recId !== null) {
        db.prepare('UPDATE recommendations SET responded_date = ? WHERE id = ?').run(doneDate, recId);
        return list(caseId);
      }
      const known = list(caseId).deadlines.some((d) => d.id === id);
      if (!known && doneDate !== null)
        throw new ApiError(
          'not-found',
          `There is no deadline "${id}" in this case. Run the deadlines list to see them.`,
        );
      upsertCaseDate(caseId, id, 'done_date', doneDate);
      return list(caseId);
    },

    listOrders,

    saveOrder(caseId: number, orderId: number | undefined, fields: TribunalOrderFields): TribunalOrder {
      caseRow(caseId);
      if (!complianceOrderKind(fields.kind))
        throw new ApiError('invalid-input', `"${fields.kind}" is not a kind of order the app knows.`);
      return orderFromRow(
        orders.save(caseId, orderId, {
          kind: fields.kind,
          order_date: fields.orderDate,
          notes: fields.notes ?? null,
        }),
      );
    },

    removeOrder(caseId: number, orderId: number): { removed: true } {
      db.transaction(() => {
        orders.remove(caseId, orderId);
        db.prepare('DELETE FROM case_dates WHERE case_id = ? AND kind LIKE ?').run(
          caseId,
          `la-compliance:${orderId}:%`,
        );
      })();
      return { removed: true };
    },
  };
}

export type DeadlineService = ReturnType<typeof createDeadlineService>;
