import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, hasHostAccess, hasMethod } from './api';
import { Announcer } from './components/Live';
import { ErrorNotice } from './components/Notice';
import { Page } from './components/Page';
import { hrefFor, useRoute, type Route } from './router';
import type { AppState } from './appState';
import type { UserRole } from '../shared/domain/case';
import { StartScreen } from './screens/start/StartScreen';
import { WhoScreen } from './screens/start/WhoScreen';
import { SetupScreen } from './screens/setup/SetupScreen';
import { CaseScreens } from './screens/case/CaseScreens';
import { CheckerScreen } from './screens/checker/CheckerScreen';
import { ImportScreen } from './screens/archive/ImportScreen';

function Screen(props: { route: Route; app: AppState }) {
  const { route, app } = props;
  switch (route.name) {
    case 'start':
      // Each person starts at their job: a clerk checks bundles; everyone else has cases.
      if (!app.role) return <WhoScreen app={app} />;
      return app.role === 'clerk' ? <CheckerScreen /> : <StartScreen app={app} />;
    case 'cases':
      return <StartScreen app={app} />;
    case 'import':
      return <ImportScreen />;
    case 'who':
      return <WhoScreen app={app} />;
    case 'new':
      return <SetupScreen app={app} caseId={null} step={route.step} />;
    case 'check':
      return <CheckerScreen />;
    case 'case':
      return <CaseScreens app={app} caseId={route.caseId} tab={route.tab} step={route.step} />;
    case 'not-found':
      return (
        <Page title="Page not found">
          <p>
            There is nothing at this address. <a href={hrefFor({ name: 'cases' })}>Go to your cases</a>.
          </p>
        </Page>
      );
  }
}

export function App() {
  const route = useRoute();
  const [role, setRoleState] = useState<UserRole | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Opened in a browser without the address the app printed: say how to open it, and ask the app nothing.
  const [locked, setLocked] = useState(() => !hasHostAccess());

  useEffect(() => {
    if (locked) return;
    call('app.info', {}).then(
      (info) => {
        setRoleState(info.role);
        setReady(true);
      },
      (e: unknown) => {
        if (e instanceof ApiError && e.code === 'refused') setLocked(true);
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [locked]);

  const setRole = useCallback(async (next: UserRole) => {
    const saved = await call('settings.setRole', { role: next });
    setRoleState(saved.role);
  }, []);

  const app: AppState = { role, setRole };
  // Remount the screen when the address names another screen, so focus and scroll start at its top. A step
  // inside a screen (a set-up question, a letter's page) keeps the screen and its answers; the screen moves
  // focus to its new heading itself.
  const key = `${route.name}:${route.name === 'case' ? `${route.caseId}/${route.tab}` : ''}`;

  return (
    <Announcer>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="header">
        <div className="container header-inner">
          <a className="header-title" href={hrefFor({ name: 'start' })}>
            SEND Bundle Builder
          </a>
          <nav aria-label="Main">
            <ul className="header-links">
              <li>
                <a href={hrefFor({ name: 'cases' })}>Your cases</a>
              </li>
              {hasMethod('checker.check') ? (
                <li>
                  <a href={hrefFor({ name: 'check' })}>Check a bundle</a>
                </li>
              ) : null}
              <li>
                <a href={hrefFor({ name: 'who' })}>Change who you are</a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <div className="container">
          {locked ? (
            <NoAccessScreen />
          ) : error ? (
            <ErrorNotice title="The app could not start">{error}</ErrorNotice>
          ) : ready ? (
            <Screen key={key} route={route} app={app} />
          ) : (
            <p role="status">Loading…</p>
          )}
        </div>
      </main>
    </Announcer>
  );
}

/** The browser version opened without its token (a bookmark, a copied address, a restarted app). */
function NoAccessScreen() {
  return (
    <Page title="Open SEND Bundle Builder from its own address">
      <p className="lead">
        This page cannot open your cases on its own. For your safety, the app only answers the address it gave
        you when it started, which ends with a secret code (a “token”).
      </p>
      <h2>What to do</h2>
      <ol>
        <li>Go back to the window where you started the app (for example with “npm run web”).</li>
        <li>Find the address it printed. It has 127.0.0.1 in it, and ends with ?token= and a long code.</li>
        <li>Open that whole address in your browser.</li>
      </ol>
      <p>
        If the app has stopped, start it again: it prints a new address. Your cases are kept on this computer
        and are not affected.
      </p>
    </Page>
  );
}

/** The skip link targets an id, but the address after # is our screen address: move focus by hand. */
function skipToMain(event: React.MouseEvent) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}
