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
import type { TribunalOrder, TribunalOrderFields } from '../../../shared/domain/types';
import type { ServiceContext } from '../context';

type Row = Record<string, unknown>;

function orderFromRow(row: Row): TribunalOrder {
  return {
    id: row.id as number,
    caseId: row.case_id as number,
    kind: row.kind as string,
    orderDate: row.order_date as string,
    notes: (row.notes as string | null) ?? null,
  };
}

export function createDeadlineService(ctx: ServiceContext) {
  const { db } = ctx;

  function caseRow(caseId: number): Row {
    const row = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
    if (!row) throw new ApiError('not-found', `There is no case number ${caseId}.`);
    return row;
  }

  function listOrders(caseId: number): TribunalOrder[] {
    caseRow(caseId);
    return (
      db
        .prepare('SELECT * FROM tribunal_orders WHERE case_id = ? ORDER BY order_date, id')
        .all(caseId) as Row[]
    ).map(orderFromRow);
  }

  /** The engine's input, read in one go. */
  function inputFor(caseId: number): DeadlineInput {
    const c = caseRow(caseId);
    const tribunalDates: DeadlineInput['tribunalDates'] = {};
    const doneDates: Record<string, string> = {};
    for (const row of db
      .prepare('SELECT kind, due_date, done_date FROM case_dates WHERE case_id = ?')
      .all(caseId) as Row[]) {
      const kind = row.kind as string;
      if (row.due_date && (TRIBUNAL_SET_KINDS as readonly string[]).includes(kind))
        tribunalDates[kind as TribunalSetKind] = row.due_date as string;
      if (row.done_date) doneDates[kind] = row.done_date as string;
    }
    const recommendations = (
      db
        .prepare(
          'SELECT id, area, text, made_date, tribunal_due_date, responded_date, decision_sent_date, count_from FROM recommendations WHERE case_id = ? ORDER BY made_date, id',
        )
        .all(caseId) as Row[]
    ).map((r) => ({
      id: r.id as number,
      area: r.area as 'health' | 'social-care',
      text: r.text as string,
      madeDate: r.made_date as string,
      tribunalDueDate: (r.tribunal_due_date as string | null) ?? null,
      respondedDate: (r.responded_date as string | null) ?? null,
      decisionSentDate: (r.decision_sent_date as string | null) ?? null,
      countFrom: (r.count_from as 'made' | 'sent' | null) ?? 'made',
    }));
    return {
      appealType: c.appeal_type as DeadlineInput['appealType'],
      decisionDate: (c.decision_date as string | null) ?? null,
      mediationCertificateDate: (c.mediation_certificate_date as string | null) ?? null,
      conductEndDate: (c.conduct_end_date as string | null) ?? null,
      conciliationDate: (c.conciliation_date as string | null) ?? null,
      registeredDate: (c.registered_date as string | null) ?? null,
      hearingDate: (c.hearing_date as string | null) ?? null,
      tribunalDates,
      doneDates,
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
    if (!db.prepare('SELECT 1 FROM recommendations WHERE id = ? AND case_id = ?').get(recId, caseId))
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
      } else if ((TRIBUNAL_SET_KINDS as readonly string[]).includes(kind)) {
        upsertCaseDate(caseId, kind, 'due_date', dueDate);
      } else {
        throw new ApiError(
          'invalid-input',
          `"${kind}" is not a date the tribunal sets. Use one of: ${TRIBUNAL_SET_KINDS.join(', ')}, or commissioner-response:N.`,
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
      let id = orderId;
      if (id === undefined) {
        id = Number(
          db
            .prepare('INSERT INTO tribunal_orders (case_id, kind, order_date, notes) VALUES (?, ?, ?, ?)')
            .run(caseId, fields.kind, fields.orderDate, fields.notes ?? null).lastInsertRowid,
        );
      } else {
        const info = db
          .prepare(
            'UPDATE tribunal_orders SET kind = ?, order_date = ?, notes = ? WHERE id = ? AND case_id = ?',
          )
          .run(fields.kind, fields.orderDate, fields.notes ?? null, id, caseId);
        if (info.changes === 0) throw new ApiError('not-found', 'That order is not in this case.');
      }
      return orderFromRow(db.prepare('SELECT * FROM tribunal_orders WHERE id = ?').get(id) as Row);
    },

    removeOrder(caseId: number, orderId: number): { removed: true } {
      db.transaction(() => {
        const info = db
          .prepare('DELETE FROM tribunal_orders WHERE id = ? AND case_id = ?')
          .run(orderId, caseId);
        if (info.changes === 0) throw new ApiError('not-found', 'That order is not in this case.');
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
