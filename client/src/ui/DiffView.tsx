import type { ReactNode } from 'react';
import type { DiffOp } from '../../../shared/src/model/textDiff.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * A text diff as inserted / deleted / unchanged runs, in the text's language; `null` ops (texts
 * beyond the diff's caps) say that they differ too much to show.
 */
export function DiffView({ lang, ops, label }: { lang: string; ops: DiffOp[] | null; label?: ReactNode }) {
  const { t } = useT();
  if (ops === null) {
    return (
      <p className="diff muted" data-testid="diff-too-large">
        {label}
        {label && ' '}
        {t('diff.tooLarge')}
      </p>
    );
  }
  return (
    <p className="diff" lang={lang}>
      {label}
      {label && ' '}
      {ops.map((op, i) => (op.op === 'insert' ? <ins key={i}>{op.text}</ins> : op.op === 'delete' ? <del key={i}>{op.text}</del> : <span key={i}>{op.text}</span>))}
    </p>
  );
}
