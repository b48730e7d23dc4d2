import type { Editor } from '@tiptap/core';

/**
 * Asks for a link URL for the selection (or the link around the caret) and applies it; an empty
 * answer removes the link, Cancel changes nothing. One behaviour for Mod-K and the toolbar button.
 */
export function promptForLink(editor: Editor, label = 'Link URL'): boolean {
  const current = editor.getAttributes('link').href as string | undefined;
  const href = window.prompt(label, current ?? 'https://');
  if (href === null) return true;
  if (href.trim() === '') return editor.chain().focus().extendMarkRange('link').unsetLink().run();
  return editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
}
