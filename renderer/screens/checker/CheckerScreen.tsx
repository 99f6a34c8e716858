import { Page } from '../../components/Page';

/** Filled in when this build's contract has checker.check. */
export function CheckerScreen() {
  return (
    <Page title="Check a bundle">
      <p>This version of the app cannot check bundles yet.</p>
    </Page>
  );
}
