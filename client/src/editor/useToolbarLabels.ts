import { useMemo } from 'react';
import { useT } from '../i18n/i18n.tsx';
import type { ToolbarProps } from './Toolbar.tsx';

/**
 * The formatting toolbar's button names in the interface language, one object per language so the
 * memoised toolbar re-renders only when the language changes (the meeting and report editors alike).
 */
export function useToolbarLabels(): ToolbarProps['labels'] {
  const { t } = useT();
  return useMemo(
    () => ({
      bold: t('editor.bold'),
      italic: t('editor.italic'),
      h2: t('editor.h2'),
      h3: t('editor.h3'),
      bullets: t('editor.bullets'),
      numbers: t('editor.numbers'),
      table: t('editor.table'),
      link: t('editor.link'),
      speaker: t('editor.speaker'),
      decision: t('editor.decision'),
      action: t('editor.action'),
      plain: t('editor.plain'),
    }),
    [t],
  );
}
