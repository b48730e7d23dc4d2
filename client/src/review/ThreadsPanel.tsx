import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { createThread, decideSuggestion, deleteComment, editComment, findMentions, reply, setResolved, type ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import type { ReviewStores } from '../collab/reviewStores.ts';
import { useStore } from '../collab/store.ts';
import { editorKey, type EditorRegistry } from '../editor/editorRegistry.ts';
import { useT } from '../i18n/i18n.tsx';
import { anchorRange, selectionAnchor } from './anchors.ts';

type Filter = 'open' | 'resolved' | 'mine' | 'all';

export interface ThreadsPanelProps {
  review: ReviewStores;
  me: { id: string; name: string };
  canComment: boolean;
  /** May accept suggestions (writes the minutes in one's own editor). */
  canEditMinutes: boolean;
  isChair: boolean;
  members: Array<{ userId: string; name: string }>;
  slots: AgendaSlot[];
  generalTitle: string;
  /** The mounted editors: to find where the user selected text, and to apply a suggestion. */
  editors: EditorRegistry;
  /** Mounts a slot's editors (a suggestion is applied in its editor). */
  mountSlot: (slotId: string) => void;
  onJump: (slotId: string) => void;
  /** Comments by others after this time (and mentions of me) count as new. */
  lastVisit: number;
  /** What a thread's `slotId` is called, where it names no agenda slot (a report's field). */
  titleOf?: (slotId: string) => string | undefined;
}

/** Comment threads of the meeting: new comment on the selected text, replies, resolve, filters. */
export function ThreadsPanel(props: ThreadsPanelProps) {
  const { review, me, canComment, isChair, members, editors } = props;
  const { t, lang } = useT();
  const threads = useStore(review.threads);
  const [filter, setFilter] = useState<Filter>('open');
  const [draft, setDraft] = useState('');
  const [suggest, setSuggest] = useState(false);
  const [replacement, setReplacement] = useState('');
  const [error, setError] = useState('');
  const target = useSelectedRange(editors, suggest);
  useFocusThreadOnClick();

  const startThread = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    if (!target) return setError(t('review.selectFirst'));
    if (!suggest && !target.anchor.quote) return setError(t('review.selectFirst'));
    createThread(review.doc, {
      slotId: target.slotId,
      lang: target.lang,
      anchor: target.anchor,
      quote: target.anchor.quote,
      author: me,
      text: draft.trim(),
      mentions: findMentions(draft, members),
      ...(suggest ? { replacement } : {}),
    });
    setDraft('');
    setReplacement('');
    setSuggest(false);
  };

  const isNew = (c: ThreadData['comments'][number]) => c.authorId !== me.id && c.createdAt > props.lastVisit;
  const newCount = threads.reduce((n, th) => n + th.comments.filter(isNew).length, 0);
  const mentionCount = threads.reduce((n, th) => n + th.comments.filter((c) => isNew(c) && c.mentions.includes(me.id)).length, 0);
  const visible = threads.filter((th) =>
    filter === 'all' ? true : filter === 'open' ? !th.resolved : filter === 'resolved' ? th.resolved : th.authorId === me.id || th.comments.some((c) => c.authorId === me.id || c.mentions.includes(me.id)),
  );
  const slotTitle = (slotId: string) => {
    const named = props.titleOf?.(slotId);
    if (named) return named;
    const slot = props.slots.find((s) => s.id === slotId);
    return slot ? slot.title[lang] || Object.values(slot.title).find(Boolean) || slot.start : props.generalTitle;
  };

  return (
    <section className="panel threads" aria-labelledby="threads-title" data-testid="threads-panel">
      <h2 id="threads-title">{t('review.title')}</h2>
      {newCount > 0 && (
        <p className="notice" data-testid="threads-new">
          {t('notify.new', { n: newCount })}
          {mentionCount > 0 ? ` · @${me.name} ×${mentionCount}` : ''}
        </p>
      )}
      {canComment && (
        <form onSubmit={startThread} className="new-thread">
          {target && (
            <p className="small muted" data-testid="thread-target">
              {t('review.on')} “{target.anchor.quote.slice(0, 80)}”
            </p>
          )}
          <textarea
            aria-label={t('review.newComment')}
            placeholder={t('review.newCommentHint')}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            // Ctrl+Enter (Cmd+Enter) sends: Enter alone is a new line in the comment.
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                if (draft.trim()) e.currentTarget.form?.requestSubmit();
              }
            }}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            rows={2}
            data-testid="thread-new-text"
          />
          <label className="small">
            <input type="checkbox" checked={suggest} onChange={(e) => setSuggest(e.target.checked)} data-testid="thread-suggest" /> {t('review.suggest')}
          </label>
          {suggest && <input aria-label={t('review.replacement')} placeholder={t('review.replacement')} value={replacement} onChange={(e) => setReplacement(e.target.value)} data-testid="thread-replacement" />}
          <button type="submit" disabled={!draft.trim()} onMouseDown={(e) => e.preventDefault()} data-testid="thread-new-submit">
            {t('review.comment')}
          </button>
          {error && (
            <p className="error-text" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
      <div role="radiogroup" aria-label={t('review.filter')} className="chips">
        {(['open', 'resolved', 'mine', 'all'] as const).map((f) => (
          <label key={f} className="chip">
            <input type="radio" name="thread-filter" checked={filter === f} onChange={() => setFilter(f)} /> {t(`review.filter.${f}`)}
          </label>
        ))}
      </div>
      {visible.length === 0 && <p className="muted">{t('review.none')}</p>}
      <ol className="thread-list">
        {visible.map((thread) => (
          <ThreadItem key={thread.id} thread={thread} {...props} slotTitle={slotTitle(thread.slotId)} isChair={isChair} />
        ))}
      </ol>
    </section>
  );
}

/**
 * Clicking highlighted text brings its thread into view in the sidebar (and marks it), so the
 * discussion is always one click from the words it is about.
 */
function useFocusThreadOnClick(): void {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as HTMLElement | null)?.closest?.('[data-thread]');
      if (!anchor) return;
      const card = document.querySelector<HTMLElement>(`[data-testid="thread-${anchor.getAttribute('data-thread')}"]`);
      if (!card) return;
      card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      card.classList.add('focused');
      setTimeout(() => card.classList.remove('focused'), 1_500);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, []);
}

type SelectedRange = { slotId: string; lang: string; anchor: NonNullable<ReturnType<typeof selectionAnchor>> };

/**
 * The text range last selected in any minutes editor. Kept after the selection goes away (typing
 * the comment moves focus to the text box), until another range is selected.
 */
function useSelectedRange(editors: EditorRegistry, allowCollapsed: boolean): SelectedRange | null {
  const [selected, setSelected] = useState<SelectedRange | null>(null);
  useEffect(() => {
    const onChange = () => {
      // Typing moves a collapsed caret on every key: nothing to do unless a caret may be a target.
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || (selection.isCollapsed && !allowCollapsed)) return;
      const inEditor = (selection.anchorNode instanceof Element ? selection.anchorNode : selection.anchorNode?.parentElement)?.closest('.minutes-prose');
      if (!inEditor) return;
      for (const [key, editor] of editors.entries()) {
        if (editor.view.dom !== inEditor) continue;
        // A suggestion may insert at a point: then a caret position (collapsed selection) counts.
        const anchor = selectionAnchor(editor, allowCollapsed);
        if (!anchor) continue;
        const [slotId, lang] = key.split('/') as [string, string];
        setSelected({ slotId, lang, anchor });
        return;
      }
    };
    document.addEventListener('selectionchange', onChange);
    // The browser fires selectionchange later than the key that moved the selection: a shortcut
    // pressed right after Shift+arrows (Alt+Shift+C) moves the focus to the comment box before the
    // last ones arrive, and the range lagged ("thout amendment" for "without amendment"). Every key
    // reads the selection as it is, before any shortcut handler runs (capture phase).
    document.addEventListener('keydown', onChange, true);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      document.removeEventListener('keydown', onChange, true);
    };
  }, [editors, allowCollapsed]);
  return selected;
}

function ThreadItem({ thread, review, me, canComment, canEditMinutes, isChair, members, editors, mountSlot, onJump, slotTitle, lastVisit }: ThreadsPanelProps & { thread: ThreadData; slotTitle: string }) {
  const { t, formatDateTime, languageName } = useT();
  const [answer, setAnswer] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [editText, setEditText] = useState('');
  const key = editorKey(thread.slotId, thread.lang);
  // Whether its text is still there is known while its editor is mounted (re-checked as editors come and go).
  const editor = useSyncExternalStore(editors.subscribe, () => editors.get(key));
  const isInsertion = thread.suggestion !== null && thread.quote === '';
  const orphaned = editor ? anchorRange(editor, thread.anchor, isInsertion) === null : false;
  const when = formatDateTime;
  return (
    <li className={`thread ${thread.resolved ? 'resolved' : ''}`} data-testid={`thread-${thread.id}`}>
      <button type="button" className="link small" onClick={() => onJump(thread.slotId)}>
        {t('meeting.threadIn', { slot: slotTitle, lang: languageName(thread.lang) })}
      </button>
      {thread.unreadable && (
        <p className="muted small" data-testid={`thread-unreadable-${thread.id}`}>
          {t('review.unreadableThread')}
        </p>
      )}
      <blockquote className={orphaned ? 'orphaned' : ''} lang={thread.lang || undefined}>
        {orphaned && <span className="muted">{t('review.orphaned')} </span>}
        {isInsertion ? t('review.insertionPoint') : `“${thread.quote}”`}
      </blockquote>
      {thread.suggestion && (
        <p className="suggestion" data-testid={`suggestion-${thread.id}`}>
          {t('review.suggests')} <del>{thread.quote}</del> → <ins>{thread.suggestion.replacement || t('review.deletion')}</ins>{' '}
          <span className="muted small">{t(`review.state.${thread.suggestion.state}`)}</span>
          {thread.suggestion.state === 'open' && canEditMinutes && (
            <>
              {' '}
              <button
                type="button"
                data-testid={`suggestion-accept-${thread.id}`}
                onClick={async () => {
                  // Applied in the acceptor's own editor (mounted if it was not): an ordinary, attributed edit of the minutes.
                  mountSlot(thread.slotId);
                  const target = await editors.whenMounted(key);
                  const range = anchorRange(target, thread.anchor, isInsertion);
                  if (!range) return;
                  target.chain().insertContentAt(range, thread.suggestion!.replacement).run();
                  decideSuggestion(review.doc, thread.id, 'accepted', me.id);
                }}
              >
                {t('review.accept')}
              </button>{' '}
              <button type="button" data-testid={`suggestion-reject-${thread.id}`} onClick={() => decideSuggestion(review.doc, thread.id, 'rejected', me.id)}>
                {t('review.reject')}
              </button>
            </>
          )}
        </p>
      )}
      <ul className="comments">
        {thread.comments.map((c) => (
          <li key={c.id} className={c.authorId !== me.id && c.createdAt > lastVisit ? 'new' : undefined}>
            <strong>{c.authorName}</strong> {c.createdAt > 0 && <span className="muted small">{when(c.createdAt)}{c.editedAt ? ` · ${t('review.edited')}` : ''}</span>}
            {c.unreadable && !c.text ? (
              <p className="muted" data-testid={`comment-unreadable-${thread.id}`}>
                {t('review.unreadableComment')}
              </p>
            ) : editing === c.id ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  editComment(review.doc, thread.id, c.id, editText);
                  setEditing(null);
                }}
              >
                <input aria-label={t('review.edit')} value={editText} onChange={(e) => setEditText(e.target.value)} />
                <button type="submit">{t('common.save')}</button>
              </form>
            ) : (
              <p className={c.deleted ? 'muted' : ''}>{c.deleted ? t('review.deleted') : c.text}</p>
            )}
            {canComment && c.authorId === me.id && !c.deleted && !c.unreadable && editing !== c.id && (
              <span className="small">
                <button type="button" className="link" onClick={() => (setEditing(c.id), setEditText(c.text))}>
                  {t('review.edit')}
                </button>{' '}
                <button type="button" className="link" onClick={() => deleteComment(review.doc, thread.id, c.id)}>
                  {t('review.delete')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {canComment && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!answer.trim()) return;
            reply(review.doc, thread.id, me, answer.trim(), findMentions(answer, members));
            setAnswer('');
          }}
        >
          <input aria-label={t('review.reply')} placeholder={t('review.reply')} value={answer} onChange={(e) => setAnswer(e.target.value)} data-testid={`thread-reply-${thread.id}`} />
          <button type="submit" data-testid={`thread-reply-submit-${thread.id}`}>
            {t('review.reply')}
          </button>
        </form>
      )}
      {canComment && (isChair || thread.authorId === me.id) && (
        <button type="button" onClick={() => setResolved(review.doc, thread.id, !thread.resolved, me.id)} data-testid={`thread-resolve-${thread.id}`}>
          {thread.resolved ? t('review.reopen') : t('review.resolve')}
        </button>
      )}
    </li>
  );
}
