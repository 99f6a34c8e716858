import { Page } from '../../components/Page';
import type { CaseScreenProps } from '../case/CaseScreens';

/** Filled in when this build's contract has the Bundle methods. */
export function BundleScreen(_props: CaseScreenProps) {
  return (
    <Page title="Bundle">
      <p>This version of the app cannot do this yet.</p>
    </Page>
  );
}
