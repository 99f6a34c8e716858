/** Witnesses: who will speak at the hearing, their needs, and their written statements. */
import { useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api';
import { Checkbox, Select, TextArea, TextField } from '../../components/Form';
import { useAnnounce } from '../../components/Live';
import { ErrorNotice, Warning } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../components/useLoad';
import { packForAppealType } from '../../../shared/rules';
import type { Witness, WitnessFields } from '../../../shared/domain/types';
import type { CaseScreenProps } from '../case/CaseScreens';

type PartySide = WitnessFields['party'];
const SIDES: { value: PartySide; label: string }[] = [
  { value: 'appellant', label: 'The family (the appellant)' },
  { value: 'la', label: 'The local authority (LA)' },
  { value: 'health', label: 'Health' },
  { value: 'social-care', label: 'Social care' },
  { value: 'school', label: 'A school or college' },
  { value: 'other', label: 'Someone else' },
];
const sideLabel = (side: PartySide) => SIDES.find((s) => s.value === side)?.label ?? side;

interface FormState {
  name: string;
  role: string;
  organisation: string;
  party: PartySide;
  attending: boolean;
  needsInterpreter: boolean;
  interpreterLanguage: string;
  accessNeeds: string;
  statementDocumentId: string;
}

function toForm(w: Witness | null, defaultSide: PartySide): FormState {
  return {
    name: w?.name ?? '',
    role: w?.role ?? '',
    organisation: w?.organisation ?? '',
    party: w?.party ?? defaultSide,
    attending: w?.attending ?? true,
    needsInterpreter: w?.needsInterpreter ?? false,
    interpreterLanguage: w?.interpreterLanguage ?? '',
    accessNeeds: w?.accessNeeds ?? '',
    statementDocumentId: w?.statementDocumentId ? String(w.statementDocumentId) : '',
  };
}

export function WitnessesScreen(props: CaseScreenProps) {
  const c = props.caseData;
  const defaultSide: PartySide = (props.app.role ?? c.role) === 'la' ? 'la' : 'appellant';
  const witnesses = useLoad(() => call('witnesses.list', { caseId: c.id }), [c.id]);
  const docs = useLoad(() => call('documents.list', { caseId: c.id }), [c.id]);
  const [editing, setEditing] = useState<{ id: number | null; form: FormState } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const announce = useAnnounce();
  const limit = packForAppealType(c.appealType).witnesses.perParty;

  const statements = (docs.data ?? []).filter(
    (d) => d.kind === 'witness-statement' || d.kind === 'expert-report',
  );
  const perSide = new Map<PartySide, number>();
  for (const w of witnesses.data ?? [])
    if (w.attending) perSide.set(w.party, (perSide.get(w.party) ?? 0) + 1);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const f = editing.form;
    setError(null);
    if (!f.name.trim()) {
      setError('Type the witness’s name.');
      return;
    }
    try {
      const saved = await call('witnesses.save', {
        caseId: c.id,
        witnessId: editing.id ?? undefined,
        fields: {
          name: f.name.trim(),
          role: f.role.trim() || null,
          organisation: f.organisation.trim() || null,
          party: f.party,
          attending: f.attending,
          needsInterpreter: f.needsInterpreter,
          interpreterLanguage: f.needsInterpreter ? f.interpreterLanguage.trim() || null : null,
          accessNeeds: f.accessNeeds.trim() || null,
          statementDocumentId: f.statementDocumentId ? Number(f.statementDocumentId) : null,
        },
      });
      setEditing(null);
      announce(`Saved ${saved.name}.`);
      witnesses.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function remove(w: Witness) {
    if (!window.confirm(`Remove ${w.name} from the witnesses?`)) return;
    try {
      await call('witnesses.remove', { caseId: c.id, witnessId: w.id });
      announce(`Removed ${w.name}.`);
      witnesses.reload();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const set = (patch: Partial<FormState>) =>
    editing && setEditing({ ...editing, form: { ...editing.form, ...patch } });

  return (
    <Page title="Witnesses">
      <p>
        Witnesses are people who speak at the hearing of the SEND Tribunal (SENDIST). Each side can usually
        bring up to {limit}. Anyone who speaks and has not written a report should write a short statement (at
        most 10 pages).
      </p>
      {witnesses.error ? <ErrorNotice>{witnesses.error}</ErrorNotice> : null}
      {error && !editing ? <ErrorNotice>{error}</ErrorNotice> : null}
      {[...perSide.entries()]
        .filter(([, n]) => n > limit)
        .map(([side, n]) => (
          <Warning key={side}>
            {sideLabel(side)} has {n} witnesses coming. The tribunal usually allows {limit}. To bring more,
            ask the tribunal with form SEND7 and say why.
          </Warning>
        ))}
      {witnesses.data && witnesses.data.length === 0 ? <p>No witnesses yet.</p> : null}
      {witnesses.data && witnesses.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>Witnesses</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job, and for which side</th>
                <th scope="col">Coming to the hearing</th>
                <th scope="col">Needs</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {witnesses.data.map((w) => (
                <tr key={w.id}>
                  <td>{w.name}</td>
                  <td>
                    {[w.role, w.organisation].filter(Boolean).join(', ') || 'Not given'}
                    <div className="muted">{sideLabel(w.party)}</div>
                  </td>
                  <td>{w.attending ? 'Yes' : 'No'}</td>
                  <td>
                    {[
                      w.needsInterpreter
                        ? `Interpreter (${w.interpreterLanguage ?? 'language not given'})`
                        : '',
                      w.accessNeeds ?? '',
                    ]
                      .filter(Boolean)
                      .join('. ') || 'None given'}
                  </td>
                  <td>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => setEditing({ id: w.id, form: toForm(w, defaultSide) })}
                      >
                        Change<span className="visually-hidden"> {w.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => remove(w)}
                      >
                        Remove<span className="visually-hidden"> {w.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {editing ? (
        <form className="panel" onSubmit={save} aria-labelledby="witness-form" noValidate>
          <h2 id="witness-form">{editing.id ? 'Change a witness' : 'Add a witness'}</h2>
          {error ? <ErrorNotice>{error}</ErrorNotice> : null}
          <TextField label="Name" value={editing.form.name} onChange={(name) => set({ name })} />
          <TextField
            label="Their job"
            hint="For example class teacher, or speech and language therapist."
            value={editing.form.role}
            onChange={(role) => set({ role })}
          />
          <TextField
            label="Where they work"
            value={editing.form.organisation}
            onChange={(organisation) => set({ organisation })}
          />
          <Select
            label="Which side are they a witness for?"
            value={editing.form.party}
            options={SIDES}
            onChange={(party) => set({ party })}
          />
          <Checkbox
            label="They will come to the hearing"
            checked={editing.form.attending}
            onChange={(attending) => set({ attending })}
          />
          <Checkbox
            label="They need an interpreter"
            checked={editing.form.needsInterpreter}
            onChange={(needsInterpreter) => set({ needsInterpreter })}
          />
          {editing.form.needsInterpreter ? (
            <TextField
              label="Which language?"
              hint="Include British Sign Language if needed."
              value={editing.form.interpreterLanguage}
              onChange={(interpreterLanguage) => set({ interpreterLanguage })}
            />
          ) : null}
          <TextArea
            label="Anything they need to take part"
            hint="For example step-free access, breaks, or joining by video."
            rows={3}
            value={editing.form.accessNeeds}
            onChange={(accessNeeds) => set({ accessNeeds })}
          />
          <Select
            label="Their statement or report"
            value={editing.form.statementDocumentId}
            options={[
              { value: '', label: 'None yet' },
              ...statements.map((d) => ({ value: String(d.id), label: `${d.title} (section ${d.section})` })),
            ]}
            onChange={(statementDocumentId) => set({ statementDocumentId })}
          />
          <div className="actions">
            <button type="submit" className="button">
              Save witness
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
            onClick={() => setEditing({ id: null, form: toForm(null, defaultSide) })}
          >
            Add a witness
          </button>
        </div>
      )}
    </Page>
  );
}
