import { Extension } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../i18n/i18n.tsx';
import type { QuorumProvider } from '../collab/quorumProvider.ts';
import type * as Y from 'yjs';
import { createSchemaExtensions } from '../../../shared/src/schema/extensions.ts';
import type { CollabUser } from '../collab/useCollabSession.ts';
import { GlossaryHighlight, type HighlightTerm } from './GlossaryHighlight.ts';
import { SpeakerLabels } from './SpeakerLabels.ts';
import { ReviewHighlights, type HighlightThread } from './ReviewHighlights.ts';
import { AuthorColors } from './AuthorColors.ts';
import { ReadOnlyCaret } from './ReadOnlyCaret.ts';
import { promptForLink } from './linkPrompt.ts';
import { createUndoManager } from './undoManager.ts';
import { initialsAmong } from '../collab/initials.ts';
import { ImagePasteDrop } from './ImagePasteDrop.ts';

/** Mod-K asks for a link (the other shortcuts come with the schema's extensions). */
const LinkShortcut = Extension.create<{ label: () => string }>({
  name: 'linkShortcut',
  addOptions() {
    return { label: () => 'Link URL' };
  },
  addKeyboardShortcuts() {
    return {
      'Mod-k': ({ editor }) => promptForLink(editor, this.options.label()),
    };
  },
});

/**
 * The heading to return to from an editor: its slot's (meeting page), else the heading that labels
 * the nearest section around it (a report's part or key point), when that heading takes focus.
 */
function homeHeading(dom: HTMLElement): HTMLElement | null {
  const slotHeading = dom.closest('section.slot')?.querySelector<HTMLElement>('h2[tabindex]');
  if (slotHeading) return slotHeading;
  const labelledBy = dom.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
  const heading = labelledBy ? document.getElementById(labelledBy) : null;
  return heading?.hasAttribute('tabindex') ? heading : null;
}

/**
 * Esc leaves the editor without a keyboard trap: focus goes to the heading of the editor's slot or
 * section, from where Tab moves on (Tab itself stays with lists and tables, which indent or move
 * between cells).
 */
const EscapeLeavesEditor = Extension.create({
  name: 'escapeLeavesEditor',
  addKeyboardShortcuts() {
    return {
      Escape: ({ editor }) => {
        const heading = homeHeading(editor.view.dom);
        if (!heading) return false;
        heading.focus();
        return true;
      },
    };
  },
});

export interface MinutesEditorProps {
  fragment: Y.XmlFragment;
  provider: QuorumProvider;
  user: CollabUser;
  editable: boolean;
  /** Language of the text (for spell checking, fonts and screen readers). */
  lang: string;
  label: string;
  onFocus?: (editor: Editor) => void;
  /** Called with the editor once created, and with (null, editor) when it goes. */
  onEditor?: (editor: Editor | null, previous: Editor | null) => void;
  /** Called after the editor was destroyed (it cleared our caret from awareness on its way out). */
  onDestroyed?: () => void;
  /** Glossary terms of this language to highlight. */
  glossaryTerms?: HighlightTerm[];
  /** Roster id -> label, for attributed paragraphs. */
  speakerLabels?: Record<string, string>;
  /** Review threads anchored in this fragment. */
  reviewThreads?: HighlightThread[];
  /** Client id -> author colour when "colour by author" is on (empty map: off). */
  authorColors?: Map<number, string>;
  /** Image files pasted or dropped into this editor (uploaded, then inserted at `pos`). */
  onImageFiles?: (editor: Editor, files: File[], pos: number | undefined) => void;
}

/**
 * One rich-text editor bound to one Y.XmlFragment (minutes of one slot in one language). The
 * editor never receives `content`: the fragment is the only source, so nothing is seeded twice.
 */
/** The caret colour this client publishes (awareness `user.color`), or the given one before any. */
function currentColor(provider: QuorumProvider, fallback: string): string {
  const color = (provider.awareness.getLocalState()?.user as { color?: unknown } | undefined)?.color;
  return typeof color === 'string' ? color : fallback;
}

/** The names in the document's awareness, which the caret labels' initials must tell apart. */
function* namesPresent(provider: MinutesEditorProps['provider']): Iterable<string> {
  for (const state of provider.awareness.getStates().values()) {
    const name = (state as { user?: { name?: unknown } }).user?.name;
    if (typeof name === 'string') yield name;
  }
}

/**
 * Someone else's caret: a line in their colour and a label with their initials (never colour
 * alone; the presence list pairs the same initials and colour with the name). Names are text nodes.
 */
function renderCaret(user: Record<string, unknown>, present: Iterable<string>): HTMLElement {
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#555555';
  const name = typeof user.name === 'string' ? user.name : '';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.style.borderColor = color;
  // A div as the extension's own (decoration counts and tests read spans as text).
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.title = name;
  label.textContent = initialsAmong(name, present);
  caret.append(label);
  return caret;
}

export function MinutesEditor({ fragment, provider, user, editable, lang, label, onFocus, onEditor, onDestroyed, glossaryTerms, speakerLabels, reviewThreads, authorColors, onImageFiles }: MinutesEditorProps) {
  const { t } = useT();
  // Read at paste/drop time: the editor is created once, the handler may change.
  const imageFiles = useRef(onImageFiles);
  imageFiles.current = onImageFiles;
  const editorRef = useRef<Editor | null>(null);
  // Read when Mod-K is pressed: the prompt follows the current interface language.
  const linkLabel = useRef(t('editor.linkUrl'));
  linkLabel.current = t('editor.linkUrl');
  // One per editor (the editor is made again only when the fragment or provider change).
  const undoManager = useMemo(() => createUndoManager(fragment), [fragment, provider]);
  const editor = useEditor(
    {
      extensions: [
        ...createSchemaExtensions(),
        LinkShortcut.configure({ label: () => linkLabel.current }),
        EscapeLeavesEditor,
        ImagePasteDrop.configure({ onFiles: (files, pos) => editorRef.current && imageFiles.current?.(editorRef.current, files, pos) }),
        ReadOnlyCaret.configure({ readOnly: !editable }),
        GlossaryHighlight,
        SpeakerLabels,
        ReviewHighlights,
        AuthorColors,
        Collaboration.configure({ fragment, yUndoOptions: { undoManager } }),
        // The colour this page shows now (assigned per meeting, see colorAssignment.ts), not the first one.
        CollaborationCaret.configure({ provider, user: { name: user.name, color: currentColor(provider, user.color), id: user.id }, render: (caretUser) => renderCaret(caretUser, namesPresent(provider)) }),
      ],
      // Always editable for ProseMirror, so a read-only editor keeps its caret (Shift+arrows select
      // text to comment on); ReadOnlyCaret refuses the writes of someone who may not write.
      editable: true,
      editorProps: { attributes: { lang, 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', spellcheck: 'true', class: 'minutes-prose' } },
      onFocus: ({ editor }) => onFocus?.(editor as Editor),
    },
    [fragment, provider],
  );
  editorRef.current = editor;
  useEffect(() => {
    editor?.commands.setReadOnly(!editable);
  }, [editor, editable]);
  useEffect(() => {
    if (editor && glossaryTerms) editor.commands.setGlossaryTerms(glossaryTerms);
  }, [editor, glossaryTerms]);
  useEffect(() => {
    if (editor && speakerLabels) editor.commands.setSpeakerLabels(speakerLabels);
  }, [editor, speakerLabels]);
  useEffect(() => {
    if (editor && reviewThreads) editor.commands.setReviewThreads(reviewThreads);
  }, [editor, reviewThreads]);
  useEffect(() => {
    if (editor && authorColors) editor.commands.setAuthorColors(authorColors);
  }, [editor, authorColors]);
  useEffect(() => {
    onEditor?.(editor, null);
    return () => onEditor?.(null, editor);
  }, [editor, onEditor]);
  const destroyed = useRef(onDestroyed);
  destroyed.current = onDestroyed;
  useEffect(() => {
    // Not removed on unmount: the editor is destroyed just after (and its listeners with it).
    // Called once its view is gone (the view's plugins clean up after the event).
    editor?.on('destroy', () => void setTimeout(() => destroyed.current?.(), 0));
  }, [editor]);
  return <EditorContent editor={editor} className="minutes-editor" data-testid={`editor-${lang}`} />;
}
