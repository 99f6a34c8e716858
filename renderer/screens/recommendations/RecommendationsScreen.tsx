/**
 * Recommendations (extended appeals): what the tribunal recommended about health or social care, and the
 * commissioner's written reply, due within 5 weeks.
 */
import { call } from '../../api';
import type { CaseScreenProps } from '../../appState';
import { formatDate } from '../../copy';
import { whenText } from '../../components/Deadlines';
import { Page } from '../../components/Page';
import { RecordEditor, type RecordField } from '../../components/RecordEditor';
import { useAction } from '../../hooks/useAction';
import { useCaseList } from '../../hooks/useCaseList';
import { useLoad } from '../../hooks/useLoad';
import { dateEntryFromIso, type DateEntry } from '../../../shared/dates/entry';
import { RecommendationFields, type Recommendation } from '../../../shared/domain/caseRecords';
import { textLimitsOf } from '../../fieldChecks';

type Area = RecommendationFields['area'];
type Decision = NonNullable<RecommendationFields['decision']>;

const DECISIONS: { value: Decision | ''; label: string }[] = [
  { value: '', label: 'Not decided yet' },
  { value: 'will-follow', label: 'We will follow it' },
  { value: 'will-follow-in-part', label: 'We will follow part of it' },
  { value: 'will-not-follow', label: 'We will not follow it' },
];

interface RecommendationForm {
  area: string;
  text: string;
  madeDate: DateEntry;
  responder: string;
  tribunalDueDate: DateEntry;
  countFrom: string;
  decisionSentDate: DateEntry;
  decision: string;
  responseText: string;
  respondedDate: DateEntry;
}

const FIELDS: RecordField<RecommendationForm>[] = [
  {
    kind: 'radios',
    name: 'area',
    label: 'Is it about health or social care?',
    options: [
      { value: 'health', label: 'Health' },
      { value: 'social-care', label: 'Social care' },
    ],
  },
  {
    kind: 'textarea',
    name: 'text',
    label: 'What did the tribunal recommend?',
    what: 'the recommendation',
    hint: 'Copy the words from the tribunal’s decision.',
    required: 'Enter what the tribunal recommended',
  },
  {
    kind: 'date',
    name: 'madeDate',
    label: 'Date of the recommendation',
    hint: 'The 5 weeks usually start from this date.',
    what: 'the date of the recommendation',
    required: true,
  },
  {
    kind: 'radios',
    name: 'countFrom',
    label: 'When do the 5 weeks start?',
    options: [
      { value: 'made', label: 'From the date of the recommendation (usual)' },
      {
        value: 'sent',
        label: 'From the date the tribunal sent its decision (only where the tribunal says so)',
      },
    ],
  },
  {
    kind: 'date',
    name: 'decisionSentDate',
    label: 'Date the tribunal sent its decision',
    what: 'the date the tribunal sent its decision',
    when: (f) => f.countFrom === 'sent',
    required: true,
  },
  {
    kind: 'text',
    name: 'responder',
    label: 'Who must reply? (optional)',
    what: 'who must reply',
    hint: 'For example the integrated care board (ICB) for health, or the LA’s social care team.',
  },
  {
    kind: 'date',
    name: 'tribunalDueDate',
    label: 'Date the tribunal set for the reply, if it set one (optional)',
    what: 'the date the tribunal set for the reply',
  },
  { kind: 'select', name: 'decision', label: 'What was decided?', options: DECISIONS },
  {
    kind: 'textarea',
    name: 'responseText',
    label: 'The reply, or the reasons (optional)',
    hint: 'If you will not follow it, give clear reasons.',
    when: (f) => f.decision !== '',
  },
  {
    kind: 'date',
    name: 'respondedDate',
    label: 'Date the reply was sent (optional)',
    what: 'the date the reply was sent',
    when: (f) => f.decision !== '',
  },
];

export function RecommendationsScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const list = useCaseList('recommendations.list', c.id);
  const deadlines = useLoad(() => call('deadlines.list', { caseId: c.id }), [c.id, list.data]);
  const action = useAction();
  const replyDue = (r: Recommendation) =>
    deadlines.data?.deadlines.find((d) => d.kind === 'commissioner-response' && d.recommendationId === r.id);

  return (
    <Page title="Recommendations">
      <p>
        In an extended appeal, the SEND Tribunal (SENDIST) can recommend changes to the health and social care
        parts of the EHC plan (Education, Health and Care plan). The health or social care commissioner must
        reply in writing within 5 weeks of the recommendation, saying what they will do, or why they will not
        follow it.
      </p>
      <RecordEditor<Recommendation, RecommendationForm, RecommendationFields>
        noun="recommendation"
        limits={textLimitsOf(RecommendationFields)}
        items={list.data}
        loadError={list.error}
        action={action}
        empty="No recommendations yet."
        describe={(r) =>
          `the ${r.area === 'health' ? 'health' : 'social care'} recommendation of ${formatDate(r.madeDate)}`
        }
        display={{
          kind: 'cards',
          heading: (r) =>
            `${r.area === 'health' ? 'Health' : 'Social care'} recommendation of ${formatDate(r.madeDate)}`,
          rows: (r) => {
            const due = replyDue(r);
            return [
              { label: 'The recommendation', value: r.text },
              { label: 'Who must reply', value: r.responder ?? 'Not given' },
              {
                label: 'Reply due',
                value: (
                  <div data-testid="reply-due">
                    {due ? (
                      <>
                        {formatDate(due.due, { weekday: true })} ({whenText(due).toLowerCase()})
                        <div className="muted">{due.rule}</div>
                      </>
                    ) : (
                      'Not worked out yet'
                    )}
                  </div>
                ),
              },
              {
                label: 'Date the tribunal set for the reply',
                value: r.tribunalDueDate
                  ? formatDate(r.tribunalDueDate)
                  : r.countFrom === 'sent' && r.decisionSentDate
                    ? `None: 5 weeks from the date the decision was sent (${formatDate(r.decisionSentDate)})`
                    : 'None: 5 weeks from the recommendation',
              },
              { label: 'Decision', value: DECISIONS.find((d) => d.value === (r.decision ?? ''))?.label },
              { label: 'Replied', value: r.respondedDate ? formatDate(r.respondedDate) : 'Not yet' },
            ];
          },
        }}
        fields={FIELDS}
        toForm={(r) => ({
          area: r?.area ?? 'health',
          text: r?.text ?? '',
          madeDate: dateEntryFromIso(r?.madeDate),
          responder: r?.responder ?? '',
          tribunalDueDate: dateEntryFromIso(r?.tribunalDueDate),
          countFrom: r?.countFrom ?? 'made',
          decisionSentDate: dateEntryFromIso(r?.decisionSentDate),
          decision: r?.decision ?? '',
          responseText: r?.responseText ?? '',
          respondedDate: dateEntryFromIso(r?.respondedDate),
        })}
        toFields={(f, date) => ({
          area: f.area as Area,
          text: f.text.trim(),
          madeDate: date('madeDate') ?? '',
          responder: f.responder.trim() || null,
          tribunalDueDate: date('tribunalDueDate'),
          countFrom: f.countFrom === 'sent' ? 'sent' : 'made',
          decisionSentDate: f.countFrom === 'sent' ? date('decisionSentDate') : null,
          decision: (f.decision as Decision) || null,
          responseText: f.decision ? f.responseText.trim() || null : null,
          respondedDate: f.decision ? date('respondedDate') : null,
        })}
        save={async (id, fields) => {
          const saved = await call('recommendations.save', {
            caseId: c.id,
            recommendationId: id ?? undefined,
            fields,
          });
          list.reload();
          return saved;
        }}
        remove={async (r) => {
          await call('recommendations.remove', { caseId: c.id, recommendationId: r.id });
          list.reload();
        }}
      />
    </Page>
  );
}
