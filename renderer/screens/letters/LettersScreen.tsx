import { Page } from '../../components/Page';
import type { CaseScreenProps } from '../case/CaseScreens';

/** Filled in when this build's contract has the Letters methods. */
export function LettersScreen(_props: CaseScreenProps) {
  return (
    <Page title="Letters">
      <p>This version of the app cannot do this yet.</p>
    </Page>
  );
}
