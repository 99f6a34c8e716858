/**
 * Screens are addressed by the part of the URL after `#`, so the same build works from the bridge and
 * from Electron's protocol, and the browser's Back button works.
 */
import { useSyncExternalStore } from 'react';

const CASE_TABS = [
  'overview',
  'setup',
  'evidence',
  'witnesses',
  'recommendations',
  'bundle',
  'working-document',
  'letters',
  'decision',
  'export',
] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export type Route =
  | { name: 'start' }
  | { name: 'cases' }
  | { name: 'import' }
  | { name: 'who' }
  | { name: 'new'; step?: string }
  | { name: 'check' }
  /** `step`: where inside the tab (a set-up question, a letter and its page), up to two parts ("a/b"). */
  | { name: 'case'; caseId: number; tab: CaseTab; step?: string }
  | { name: 'not-found' };

const STEP = /^[a-z0-9][a-z0-9-]{0,60}$/;

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts.length === 0) return { name: 'start' };
  if (parts[0] === 'who' && parts.length === 1) return { name: 'who' };
  if (parts[0] === 'cases' && parts.length === 1) return { name: 'cases' };
  if (parts[0] === 'import' && parts.length === 1) return { name: 'import' };
  if (parts[0] === 'new' && parts.length <= 2 && STEP.test(parts[1] ?? 'x'))
    return parts[1] ? { name: 'new', step: parts[1] } : { name: 'new' };
  if (parts[0] === 'check' && parts.length === 1) return { name: 'check' };
  if (parts[0] === 'case' && /^[1-9]\d*$/.test(parts[1] ?? '')) {
    const caseId = Number(parts[1]);
    const tab = (parts[2] ?? 'overview') as CaseTab;
    const step = parts.slice(3);
    if (!CASE_TABS.includes(tab) || step.length > 2 || !step.every((p) => STEP.test(p)))
      return { name: 'not-found' };
    return step.length ? { name: 'case', caseId, tab, step: step.join('/') } : { name: 'case', caseId, tab };
  }
  return { name: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'start':
      return '#/';
    case 'who':
    case 'cases':
    case 'import':
    case 'check':
      return `#/${route.name}`;
    case 'new':
      return route.step ? `#/new/${route.step}` : '#/new';
    case 'case': {
      const base = `#/case/${route.caseId}`;
      if (route.tab === 'overview' && !route.step) return base;
      return route.step ? `${base}/${route.tab}/${route.step}` : `${base}/${route.tab}`;
    }
    case 'not-found':
      return '#/';
  }
}

export function caseHref(caseId: number, tab: CaseTab = 'overview', step?: string): string {
  return hrefFor({ name: 'case', caseId, tab, step });
}

export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function useHash(): string {
  return useSyncExternalStore(subscribe, () => window.location.hash);
}

export function useRoute(): Route {
  return parseHash(useHash());
}
