import { createContext, useContext, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { ReportTextLanguage } from '../../../shared/src/report/reportModel.ts';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type { ReviewStores } from '../collab/reviewStores.ts';
import type { CollabUser } from '../collab/useCollabSession.ts';
import type { EditorRegistry } from '../editor/editorRegistry.ts';
import type { FocusedEditor } from '../meeting/focusedEditor.ts';

/** What every part of an open report needs: its live document, who is writing, and how it shows. */
export interface ReportContextValue {
  reportId: string;
  doc: Y.Doc;
  provider: QuorumProvider;
  user: CollabUser;
  /** Whether this user may write the report's text now (role and status; the server enforces it too). */
  writable: boolean;
  /** The languages the report shows, in order (its language setting). */
  languages: ReportTextLanguage[];
  /** The report editor last focused: the formatting toolbar acts on it. */
  focused: FocusedEditor;
  /** The report's review doc (comment threads), once open. */
  review: ReviewStores | null;
  /** The report's mounted editors by review target and language (the comment box reads their selection). */
  editors: EditorRegistry;
  /** Review target -> the field's name, for the threads panel (filled as fields mount). */
  targetTitles: Map<string, string>;
  /** Asks the server for the generated report again (after a change that alters it). */
  refreshModel: () => void;
}

const ReportContext = createContext<ReportContextValue | null>(null);

export function ReportProvider({ value, children }: { value: ReportContextValue; children: ReactNode }) {
  return <ReportContext.Provider value={value}>{children}</ReportContext.Provider>;
}

export function useReport(): ReportContextValue {
  const value = useContext(ReportContext);
  if (!value) throw new Error('useReport outside ReportProvider');
  return value;
}
