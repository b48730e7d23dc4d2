import { useEditorState, type Editor } from '@tiptap/react';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../../../shared/src/schema/minutesAttributes.ts';
import type { RosterEntry } from '../../../shared/src/model/rosterDoc.ts';
import { rosterName } from '../../../shared/src/model/rosterDoc.ts';
import { promptForLink } from './linkPrompt.ts';
import { isReadOnly } from './ReadOnlyCaret.ts';
import { useT } from '../i18n/i18n.tsx';
import { ImageButton } from './ImageButton.tsx';
import type { ImageUploads } from './imageUploads.ts';

export interface ToolbarProps {
  editor: Editor | null;
  roster: RosterEntry[];
  languages: string[];
  labels: Record<'bold' | 'italic' | 'h2' | 'h3' | 'bullets' | 'numbers' | 'table' | 'link' | 'speaker' | 'decision' | 'action' | 'plain', string>;
  /** Image uploads of this document; without it there is no image button. */
  images?: ImageUploads;
  /**
   * The minutes' own tools (speaker attribution, decisions and action items); off for text that is
   * not minutes, such as a report's summary or reflections.
   * @default true
   */
  minutesTools?: boolean;
}

/** Formatting, speaker attribution and decision/action marks for the focused editor. */
export function Toolbar({ editor, roster, languages, labels, images, minutesTools = true }: ToolbarProps) {
  const { t, lang } = useT();
  // Renders when what the buttons show changes (the marks at the caret), not on every transaction
  // of the editor (each keystroke, each remote edit).
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e && {
        editable: e.isEditable && !isReadOnly(e),
        bold: e.isActive('bold'),
        italic: e.isActive('italic'),
        h2: e.isActive('heading', { level: 2 }),
        h3: e.isActive('heading', { level: 3 }),
        bullets: e.isActive('bulletList'),
        numbers: e.isActive('orderedList'),
        link: e.isActive('link'),
        speaker: (e.getAttributes('paragraph').speaker as string | undefined) ?? '',
      },
  });
  const disabled = !editor || !active?.editable;
  // aria-keyshortcuts tells screen readers the Tiptap shortcut (Control on Windows and Linux).
  // The accessible name starts with the visible text ("H2 Heading…") so voice control users can say what they see.
  const button = (label: string, active: boolean, run: () => void, text: string, keys?: string) => (
    <button type="button" aria-label={label.toLowerCase().includes(text.toLowerCase()) || text.length === 1 ? label : `${text} ${label}`} title={label} aria-pressed={active} aria-keyshortcuts={keys} disabled={disabled} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {text}
    </button>
  );
  const chain = () => editor!.chain().focus();
  const speaker = active?.speaker ?? '';
  return (
    <div className="toolbar" role="toolbar" aria-label={t('a11y.toolbar')}>
      {button(labels.bold, !!active?.bold, () => chain().toggleBold().run(), 'B', 'Control+B Meta+B')}
      {button(labels.italic, !!active?.italic, () => chain().toggleItalic().run(), 'I', 'Control+I Meta+I')}
      {button(labels.h2, !!active?.h2, () => chain().toggleHeading({ level: 2 }).run(), 'H2', 'Control+Alt+2 Meta+Alt+2')}
      {button(labels.h3, !!active?.h3, () => chain().toggleHeading({ level: 3 }).run(), 'H3', 'Control+Alt+3 Meta+Alt+3')}
      {button(labels.bullets, !!active?.bullets, () => chain().toggleBulletList().run(), '•', 'Control+Shift+8 Meta+Shift+8')}
      {button(labels.numbers, !!active?.numbers, () => chain().toggleOrderedList().run(), '1.', 'Control+Shift+7 Meta+Shift+7')}
      {button(labels.table, false, () => chain().insertTable({ rows: 2, cols: 2, withHeaderRow: true }).run(), '▦')}
      {button(labels.link, !!active?.link, () => promptForLink(editor!, t('editor.linkUrl')), t('editor.linkShort'), 'Control+K Meta+K')}
      {images && <ImageButton editor={editor} uploads={images} disabled={disabled} />}
      {minutesTools && (
        <>
          <select aria-label={labels.speaker} disabled={disabled} value={speaker} onChange={(e) => editor?.chain().focus().setSpeaker(e.target.value || null).run()}>
            <option value="">{labels.speaker}</option>
            {roster.map((r) => (
              <option key={r.id} value={r.id}>
                {rosterName(r, lang, languages)}
              </option>
            ))}
          </select>
          <select
            aria-label={labels.decision}
            disabled={disabled}
            value=""
            onChange={(e) => {
              const value = e.target.value;
              if (value === 'action') editor?.chain().focus().markAction(null, null).run();
              else if (value === 'plain') editor?.chain().focus().clearItem().run();
              else if (value) editor?.chain().focus().markDecision(value as DecisionOutcome).run();
            }}
          >
            <option value="">{labels.decision} / {labels.action}</option>
            {DECISION_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {labels.decision}: {t(`editor.outcome.${o}`)}
              </option>
            ))}
            <option value="action">{labels.action}</option>
            <option value="plain">{labels.plain}</option>
          </select>
        </>
      )}
    </div>
  );
}
