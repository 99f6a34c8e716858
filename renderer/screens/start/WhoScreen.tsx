import { useState } from 'react';
import type { AppState } from '../../appState';
import { errorMessage } from '../../api';
import { ROLE_LABELS } from '../../copy';
import { Radios } from '../../components/Form';
import { ErrorNotice, Help } from '../../components/Notice';
import { Page } from '../../components/Page';
import { hrefFor, navigate } from '../../router';
import { USER_ROLES, type UserRole } from '../../../shared/domain/case';

/** "Who are you?": the answer picks the journey (questions, letters, bundle role). */
export function WhoScreen(props: { app: AppState }) {
  const [role, setRole] = useState<UserRole | null>(props.app.role);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    if (!role) {
      setError('Choose the answer that fits you best.');
      return;
    }
    setSaving(true);
    try {
      await props.app.setRole(role);
      navigate(hrefFor({ name: 'start' }));
    } catch (e) {
      setError(errorMessage(e));
      setSaving(false);
    }
  }

  return (
    <Page title="Who are you?">
      <p className="lead">
        This app helps you get ready for an appeal to the SEND Tribunal (SENDIST, the Special Educational
        Needs and Disability Tribunal). Tell us who you are, and we will show you the steps that fit you.
      </p>
      <div className="question-layout">
        <form className="question-main" onSubmit={save} noValidate>
          {error ? <ErrorNotice>{error}</ErrorNotice> : null}
          <Radios
            name="role"
            label="Which of these fits you?"
            choices={USER_ROLES.map((value) => ({
              value,
              label: ROLE_LABELS[value].label,
              hint: ROLE_LABELS[value].hint,
            }))}
            value={role}
            onChange={(value) => {
              setRole(value);
              setError(null);
            }}
          />
          <div className="actions">
            <button className="button" type="submit" disabled={saving}>
              Continue
            </button>
          </div>
        </form>
        <Help title="Why we ask">
          <p>Parents, councils and the tribunal each have different jobs to do before a hearing.</p>
          <p>You can change this answer at any time with the “Change who you are” link at the top.</p>
          <p>Everything you type stays on this computer.</p>
        </Help>
      </div>
    </Page>
  );
}
