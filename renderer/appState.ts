/**
 * What the app hands every screen. It lives here, not in App.tsx or the case screens, so the screens
 * import nothing from the files that import them (no import circle, type imports included).
 */
import type { Case, UserRole } from '../shared/domain/case';

export interface AppState {
  role: UserRole | null;
  setRole: (role: UserRole) => Promise<void>;
}

/** Props of every screen inside a case. */
export interface CaseScreenProps {
  app: AppState;
  caseData: Case;
  reloadCase: () => void;
}
