import type { ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { ErrorText } from './Field.tsx';

/**
 * The end of a create form: its error (announced), Cancel, and the primary submit button, kept
 * alike on every such form so the submit is always last and Cancel never submits.
 */
export function FormFooter({ error, onCancel, submitLabel, busy = false, submitTestId }: { error: ReactNode; onCancel: () => void; submitLabel: string; busy?: boolean; submitTestId: string }) {
  const { t } = useT();
  return (
    <>
      <ErrorText>{error}</ErrorText>
      <div className="actions">
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy} data-testid={submitTestId}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
