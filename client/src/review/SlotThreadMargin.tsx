import type { ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * The open threads of one slot, in a margin beside its editors: each card sits next to the text
 * it is about and opens the full discussion in the sidebar.
 */
export function SlotThreadMargin({ threads }: { threads: ThreadData[] }) {
  const { t, languageName } = useT();
  const open = threads.filter((th) => !th.resolved);
  if (open.length === 0) return null;
  const focus = (id: string) => {
    const card = document.querySelector<HTMLElement>(`[data-testid="thread-${id}"]`);
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    card?.classList.add('focused');
    setTimeout(() => card?.classList.remove('focused'), 1_500);
    card?.querySelector<HTMLInputElement>('input')?.focus();
  };
  return (
    <aside className="thread-margin" aria-label={t('review.title')}>
      {open.map((th) => (
        <button key={th.id} type="button" className="margin-card" onClick={() => focus(th.id)} data-testid={`margin-${th.id}`}>
          <span className="lang-tag">{languageName(th.lang)}</span> <q>{th.quote || t('review.insertionPoint')}</q>
          <span className="margin-comment">
            <strong>{th.comments[0]?.authorName}</strong> {th.comments[0]?.text}
          </span>
          {th.comments.length > 1 && <span className="muted small">{t('review.replies', { n: th.comments.length - 1 })}</span>}
        </button>
      ))}
    </aside>
  );
}
