import { useT } from '../i18n/i18n.tsx';

/** The keyboard shortcuts, one disclosure away on the meeting page (also in the README). */
export function ShortcutsHelp() {
  const { t } = useT();
  const rows: Array<[string, string]> = [
    ['Alt+Shift+N', t('shortcuts.nextSlot')],
    ['Alt+Shift+P', t('shortcuts.previousSlot')],
    ['Alt+Shift+J', t('shortcuts.currentSlot')],
    ['Alt+Shift+O', t('shortcuts.outline')],
    ['Alt+Shift+C', t('shortcuts.comment')],
    ['Ctrl+Enter', t('shortcuts.submitComment')],
    ['Esc', t('shortcuts.leaveEditor')],
    ['Tab / Shift+Tab', t('shortcuts.tab')],
  ];
  return (
    <details className="shortcuts-help" data-testid="shortcuts-help">
      <summary>{t('shortcuts.title')}</summary>
      <dl>
        {rows.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
