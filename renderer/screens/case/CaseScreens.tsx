import type { AppState, CaseScreenProps } from '../../appState';
import { call, hasMethod } from '../../api';
import { ErrorNotice } from '../../components/Notice';
import { Page } from '../../components/Page';
import { useLoad } from '../../hooks/useLoad';
import { caseHref, hrefFor, type CaseTab } from '../../router';
import type { Case, UserRole } from '../../../shared/domain/case';
import { orderKindsFor } from '../../../shared/deadlines';
import { isCommissioner } from '../../../shared/roles';
import { SetupScreen } from '../setup/SetupScreen';
import { OverviewScreen } from '../overview/OverviewScreen';
import { EvidenceScreen } from '../evidence/EvidenceScreen';
import { WitnessesScreen } from '../witnesses/WitnessesScreen';
import { RecommendationsScreen } from '../recommendations/RecommendationsScreen';
import { BundleScreen } from '../bundle/BundleScreen';
import { LettersScreen } from '../letters/LettersScreen';
import { ExportScreen } from '../archive/ExportScreen';
import { WorkingDocumentScreen } from '../workingDocument/WorkingDocumentScreen';
import { DecisionScreen } from '../decision/DecisionScreen';

const TAB_LABELS: Record<CaseTab, string> = {
  overview: 'Overview',
  setup: 'Case details',
  evidence: 'Evidence',
  witnesses: 'Witnesses',
  recommendations: 'Recommendations',
  bundle: 'Bundle',
  'working-document': 'Working document',
  letters: 'Letters',
  decision: 'Tribunal’s decision',
  export: 'Export',
};

/**
 * Tabs this case shows, in the order of this person's job: a commissioner's recommendations and letters
 * come first; recommendations only in extended appeals; no letters for a clerk (they write none); the
 * tribunal's decision (the LA's time to comply with its orders) in SEND appeals, not in claims.
 */
function tabsFor(c: Case, role: UserRole): CaseTab[] {
  const letters = hasMethod('letters.templates') && role !== 'clerk' ? (['letters'] as const) : [];
  const bundle = hasMethod('bundle.plan') ? (['bundle'] as const) : [];
  if (isCommissioner(role)) {
    return ['overview', 'recommendations', ...letters, 'setup', 'evidence', 'witnesses', ...bundle];
  }
  const tabs: CaseTab[] = ['overview', 'setup', 'evidence', 'witnesses'];
  if (c.extended) tabs.push('recommendations');
  // Contents-of-plan appeals have a working document (the plan's disputed sections, marked up by both sides).
  const working =
    c.appealType === 'contents-of-plan' && role !== 'clerk' && hasMethod('workingDocument.measure')
      ? (['working-document'] as const)
      : [];
  const decision = orderKindsFor(c.appealType).length > 0 ? (['decision'] as const) : [];
  return [...tabs, ...bundle, ...working, ...letters, ...decision];
}

export function CaseScreens(props: { app: AppState; caseId: number; tab: CaseTab; step?: string }) {
  const loaded = useLoad(() => call('cases.get', { caseId: props.caseId }), [props.caseId]);
  const c = loaded.data;
  if (loaded.error) {
    return (
      <Page title="Case not found">
        <ErrorNotice>{loaded.error}</ErrorNotice>
        <p>
          <a href={hrefFor({ name: 'start' })}>Go back to your cases</a>
        </p>
      </Page>
    );
  }
  if (!c) return <p role="status">Loading…</p>;
  const tabs = tabsFor(c, props.app.role ?? c.role);
  const screenProps: CaseScreenProps = { app: props.app, caseData: c, reloadCase: loaded.reload };
  return (
    <>
      <p className="case-name">
        <span className="visually-hidden">Case: </span>
        {c.title}
        {c.archived ? <span className="tag">Archived</span> : null}
      </p>
      <nav className="case-nav" aria-label="This case">
        <ul>
          {tabs.map((tab) => (
            <li key={tab}>
              <a href={caseHref(c.id, tab)} aria-current={tab === props.tab ? 'page' : undefined}>
                {TAB_LABELS[tab]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {renderTab(props.tab, screenProps, props.step)}
    </>
  );
}

function renderTab(tab: CaseTab, p: CaseScreenProps, step: string | undefined) {
  switch (tab) {
    case 'overview':
      return <OverviewScreen {...p} />;
    case 'setup':
      return <SetupScreen app={p.app} caseId={p.caseData.id} caseData={p.caseData} step={step} />;
    case 'evidence':
      return <EvidenceScreen {...p} />;
    case 'witnesses':
      return <WitnessesScreen {...p} />;
    case 'recommendations':
      return <RecommendationsScreen {...p} />;
    case 'bundle':
      return <BundleScreen {...p} />;
    case 'letters':
      return <LettersScreen {...p} step={step} />;
    case 'export':
      return <ExportScreen {...p} />;
    case 'working-document':
      return <WorkingDocumentScreen {...p} />;
    case 'decision':
      return <DecisionScreen {...p} />;
  }
}
