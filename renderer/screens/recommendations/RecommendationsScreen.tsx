/**
 * Recommendations (extended appeals): what the tribunal recommended about health or social care, and the
 * commissioner's written reply, due within 5 weeks.
 */
import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api';
import { formatDate } from '../../copy';
import { whenText } from '../../components/Deadlines';
import { Radios, Select, TextArea, TextField } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import type { Recommendation, RecommendationFields } from '../../../shared/domain/types';
import type { CaseScreenProps } from '../case/CaseScreens';

type Area = RecommendationFields['area'];
type Decision = NonNullable<RecommendationFields['decision']>;

const DECISIONS: { value: Decision | ''; label: string }[] = [
  { value: '', label: 'Not decided yet' },
  { value: 'will-follow', label: 'We will follow it' },
  { value: 'will-follow-in-part', label: 'We will follow part of it' },
  { value: 'will-not-follow', label: 'We will not follow it' },
];

interface FormState {
  area: Area;
  text: string;
  madeDate: string;
  responder: string;
  tribunalDueDate: string;
  decision: Decision | '';
  responseText: string;
  respondedDate: string;
}

function toForm(r: Recommendation | null): FormState {
  return {
    area: r?.area ?? 'health',
    text: r?.text ?? '',
    madeDate: r?.madeDate ?? '',
    responder: r?.responder ?? '',
    tribunalDueDate: r?.tribunalDueDate ?? '',
    decision: r?.decision ?? '',
    responseText: r?.responseText ?? '',
    respondedDate: r?.respondedDate ?? '',
  };
}

export function RecommendationsScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const list = useLoad(() => call('recommendations.list', { caseId: c.id }), [c.id]);
  const deadlines = useLoad(() => call('deadlines.list', { caseId: c.id }), [c.id, list.data]);
  const replyDue = (r: Recommendation) =>
    deadlines.data?.deadlines.find((d) => d.kind === 'commissioner-response' && d.recommendationId === r.id);
  const [editing, setEditing] = useState<{ id: number | null; form: FormState } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const set = (patch: Partial<FormState>) =>
    editing && setEditing({ ...editing, form: { ...editing.form, ...patch } });

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const f = editing.form;
    setError(null);
    try {
      const saved = await call('recommendations.save', {
        caseId: c.id,
        recommendationId: editing.id ?? undefined,
        fields: {
          area: f.area,
          text: f.text.trim(),
          madeDate: f.madeDate,
          responder: f.responder.trim() || null,
          tribunalDueDate: f.tribunalDueDate || null,
          decision: f.decision || null,
          responseText: f.responseText.trim() || null,
          respondedDate: f.respondedDate || null,
        },
      });
      setEditing(null);
      announce(`Saved the ${saved.area === 'health' ? 'health' : 'social care'} recommendation.`);
      list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function remove(r: Recommendation) {
    if (!window.confirm('Remove this recommendation?')) return;
    try {
      await call('recommendations.remove', { caseId: c.id, recommendationId: r.id });
      announce('Removed the recommendation.');
      list.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Page title="Recommendations">
      <p>
        In an extended appeal, the SEND Tribunal (SENDIST) can recommend changes to the health and social care
        parts of the EHC plan (Education, Health and Care plan). The health or social care commissioner must
        reply in writing within 5 weeks of the recommendation, saying what they will do, or why they will not
        follow it.
      </p>
      {list.error ? <ErrorNotice>{list.error}</ErrorNotice> : null}
      {error && !editing ? <ErrorNotice>{error}</ErrorNotice> : null}
      {list.data && list.data.length === 0 ? <p>No recommendations yet.</p> : null}
      {(list.data ?? []).map((r) => (
        <section className="panel" key={r.id} aria-labelledby={`rec-${r.id}`}>
          <h2 id={`rec-${r.id}`}>
            {r.area === 'health' ? 'Health' : 'Social care'} recommendation of {formatDate(r.madeDate)}
          </h2>
          <p>{r.text}</p>
          <dl className="summary-list">
            <div className="summary-row">
              <dt>Who must reply</dt>
              <dd>{r.responder ?? 'Not given'}</dd>
            </div>
            <div className="summary-row" data-testid="reply-due">
              <dt>Reply due</dt>
              <dd>
                {(() => {
                  const due = replyDue(r);
                  if (!due) return 'Not worked out yet';
                  return (
                    <>
                      {formatDate(due.due, { weekday: true })} ({whenText(due).toLowerCase()})
                      <div className="muted">{due.rule}</div>
                    </>
                  );
                })()}
              </dd>
            </div>
            <div className="summary-row">
              <dt>Date the tribunal set for the reply</dt>
              <dd>
                {r.tribunalDueDate ? formatDate(r.tribunalDueDate) : 'None: 5 weeks from the recommendation'}
              </dd>
            </div>
            <div className="summary-row">
              <dt>Decision</dt>
              <dd>{DECISIONS.find((d) => d.value === (r.decision ?? ''))?.label}</dd>
            </div>
            <div className="summary-row">
              <dt>Replied</dt>
              <dd>{r.respondedDate ? formatDate(r.respondedDate) : 'Not yet'}</dd>
            </div>
          </dl>
          <div className="row-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => setEditing({ id: r.id, form: toForm(r) })}
            >
              Change<span className="visually-hidden"> this recommendation</span>
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => remove(r)}>
              Remove<span className="visually-hidden"> this recommendation</span>
            </button>
          </div>
        </section>
      ))}
      {editing ? (
        <form className="panel" onSubmit={save} aria-labelledby="rec-form" noValidate>
          <h2 id="rec-form">{editing.id ? 'Change a recommendation' : 'Add a recommendation'}</h2>
          {error ? <ErrorNotice>{error}</ErrorNotice> : null}
          <Radios
            name="area"
            label="Is it about health or social care?"
            choices={[
              { value: 'health', label: 'Health' },
              { value: 'social-care', label: 'Social care' },
            ]}
            value={editing.form.area}
            onChange={(area) => set({ area })}
          />
          <TextArea
            label="What did the tribunal recommend?"
            hint="Copy the words from the tribunal’s decision."
            value={editing.form.text}
            onChange={(text) => set({ text })}
          />
          <TextField
            type="date"
            label="Date of the recommendation"
            hint="The 5 weeks start from this date."
            value={editing.form.madeDate}
            onChange={(madeDate) => set({ madeDate })}
          />
          <TextField
            label="Who must reply?"
            hint="For example the integrated care board (ICB) for health, or the LA’s social care team."
            value={editing.form.responder}
            onChange={(responder) => set({ responder })}
          />
          <TextField
            type="date"
            label="Date the tribunal set for the reply, if it set one"
            value={editing.form.tribunalDueDate}
            onChange={(tribunalDueDate) => set({ tribunalDueDate })}
          />
          <Select
            label="What was decided?"
            value={editing.form.decision}
            options={DECISIONS}
            onChange={(decision) => set({ decision })}
          />
          <TextArea
            label="The reply, or the reasons"
            hint="If you will not follow it, give clear reasons."
            value={editing.form.responseText}
            onChange={(responseText) => set({ responseText })}
          />
          <TextField
            type="date"
            label="Date the reply was sent"
            value={editing.form.respondedDate}
            onChange={(respondedDate) => set({ respondedDate })}
          />
          <div className="actions">
            <button type="submit" className="button">
              Save recommendation
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => setEditing({ id: null, form: toForm(null) })}
          >
            Add a recommendation
          </button>
        </div>
      )}
    </Page>
  );
}
