/** Witnesses: who will speak at the hearing, their needs, and their written statements. */
import { call } from '../../api';
import type { CaseScreenProps } from '../../appState';
import { Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { RecordEditor, type RecordField } from '../../components/RecordEditor';
import { useAction } from '../../hooks/useAction';
import { useCaseList } from '../../hooks/useCaseList';
import { packForAppealType, proceedingOf } from '../../../shared/rules';
import { WITNESS_SIDES } from '../../copy';
import { textLimitsOf } from '../../fieldChecks';
import { WitnessFields, type Witness } from '../../../shared/domain/caseRecords';
import type { DocumentRecord } from '../../../shared/domain/documents';
import { witnessSideFor } from '../../../shared/roles';

type PartySide = WitnessFields['party'];

const WITNESS_LIMITS = textLimitsOf(WitnessFields);

interface WitnessForm {
  name: string;
  role: string;
  organisation: string;
  party: string;
  attending: boolean;
  needsInterpreter: boolean;
  interpreterLanguage: string;
  accessNeeds: string;
  statementDocumentId: string;
}

function witnessFields(
  statements: DocumentRecord[],
  sides: { value: PartySide; label: string }[],
): RecordField<WitnessForm>[] {
  return [
    { kind: 'text', name: 'name', label: 'Name', required: 'Enter the witness’s name' },
    {
      kind: 'text',
      name: 'role',
      label: 'Their job (optional)',
      hint: 'For example class teacher, or speech and language therapist.',
    },
    { kind: 'text', name: 'organisation', label: 'Where they work (optional)' },
    { kind: 'select', name: 'party', label: 'Which side are they a witness for?', options: sides },
    { kind: 'checkbox', name: 'attending', label: 'They will come to the hearing' },
    { kind: 'checkbox', name: 'needsInterpreter', label: 'They need an interpreter' },
    {
      kind: 'text',
      name: 'interpreterLanguage',
      label: 'Which language?',
      what: 'the language',
      hint: 'Include British Sign Language if needed.',
      when: (f) => f.needsInterpreter,
      required: 'Enter the language the interpreter is needed for',
    },
    {
      kind: 'textarea',
      name: 'accessNeeds',
      label: 'Anything they need to take part (optional)',
      what: 'what they need to take part',
      hint: 'For example step-free access, breaks, or joining by video.',
      rows: 3,
    },
    {
      kind: 'select',
      name: 'statementDocumentId',
      label: 'Their statement or report',
      options: [
        { value: '', label: 'None yet' },
        ...statements.map((d) => ({ value: String(d.id), label: `${d.title} (section ${d.section})` })),
      ],
    },
  ];
}

export function WitnessesScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const defaultSide = witnessSideFor(props.app.role ?? c.role);
  const witnesses = useCaseList('witnesses.list', c.id);
  const docs = useCaseList('documents.list', c.id);
  const action = useAction();
  const limit = packForAppealType(c.appealType).witnesses.perParty;
  const sides = WITNESS_SIDES[proceedingOf(c.appealType)];
  const sideLabel = (side: PartySide) => sides.find((s) => s.value === side)?.label ?? side;

  const statements = (docs.data ?? []).filter(
    (d) => d.kind === 'witness-statement' || d.kind === 'expert-report',
  );
  const perSide = new Map<PartySide, number>();
  for (const w of witnesses.data ?? [])
    if (w.attending) perSide.set(w.party, (perSide.get(w.party) ?? 0) + 1);

  return (
    <Page title="Witnesses">
      <p>
        Witnesses are people who speak at the hearing of the SEND Tribunal (SENDIST). Each side can usually
        bring up to {limit}. Anyone who speaks and has not written a report should write a short statement (at
        most 10 pages).
      </p>
      {[...perSide.entries()]
        .filter(([, n]) => n > limit)
        .map(([side, n]) => (
          <Warning key={side}>
            {sideLabel(side)} has {n} witnesses coming. The tribunal usually allows {limit}. To bring more,
            ask the tribunal with form SEND7 and say why.
          </Warning>
        ))}
      <RecordEditor<Witness, WitnessForm, WitnessFields>
        noun="witness"
        items={witnesses.data}
        loadError={witnesses.error ?? docs.error}
        action={action}
        empty="No witnesses yet."
        describe={(w) => w.name}
        display={{
          kind: 'table',
          caption: 'Witnesses',
          columns: [
            { header: 'Name', cell: (w) => w.name },
            {
              header: 'Job, and for which side',
              cell: (w) => (
                <>
                  {[w.role, w.organisation].filter(Boolean).join(', ') || 'Not given'}
                  <div className="muted">{sideLabel(w.party)}</div>
                </>
              ),
            },
            { header: 'Coming to the hearing', cell: (w) => (w.attending ? 'Yes' : 'No') },
            {
              header: 'Needs',
              cell: (w) =>
                [
                  w.needsInterpreter ? `Interpreter (${w.interpreterLanguage ?? 'language not given'})` : '',
                  w.accessNeeds ?? '',
                ]
                  .filter(Boolean)
                  .join('. ') || 'None given',
            },
          ],
        }}
        fields={witnessFields(statements, sides)}
        limits={WITNESS_LIMITS}
        toForm={(w) => ({
          name: w?.name ?? '',
          role: w?.role ?? '',
          organisation: w?.organisation ?? '',
          party: w?.party ?? defaultSide,
          attending: w?.attending ?? true,
          needsInterpreter: w?.needsInterpreter ?? false,
          interpreterLanguage: w?.interpreterLanguage ?? '',
          accessNeeds: w?.accessNeeds ?? '',
          statementDocumentId: w?.statementDocumentId ? String(w.statementDocumentId) : '',
        })}
        toFields={(f) => ({
          name: f.name.trim(),
          role: f.role.trim() || null,
          organisation: f.organisation.trim() || null,
          party: f.party as PartySide,
          attending: f.attending,
          needsInterpreter: f.needsInterpreter,
          interpreterLanguage: f.needsInterpreter ? f.interpreterLanguage.trim() || null : null,
          accessNeeds: f.accessNeeds.trim() || null,
          statementDocumentId: f.statementDocumentId ? Number(f.statementDocumentId) : null,
        })}
        save={async (id, fields) => {
          const saved = await call('witnesses.save', { caseId: c.id, witnessId: id ?? undefined, fields });
          witnesses.reload();
          return saved;
        }}
        remove={async (w) => {
          await call('witnesses.remove', { caseId: c.id, witnessId: w.id });
          witnesses.reload();
        }}
      />
    </Page>
  );
}
