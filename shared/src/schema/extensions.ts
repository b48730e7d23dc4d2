import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { StarterKit } from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { MinutesAttributes } from './minutesAttributes.ts';
import { MinutesImage } from './minutesImage.ts';

/**
 * The Tiptap extensions that define the minutes schema. The client editor adds collaboration
 * extensions on top; the server uses the very same list to validate updates and to export, so
 * the two can never disagree about which nodes exist.
 *
 * Undo/redo is off: the Collaboration extension brings a Yjs-aware undo manager.
 */
export function createSchemaExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
    }),
    TableKit.configure({ table: { resizable: false } }),
    MinutesAttributes,
    MinutesImage,
  ];
}

let cachedSchema: Schema | null = null;

/** The ProseMirror schema of a minutes fragment (built once, on first use). */
export function getMinutesSchema(): Schema {
  cachedSchema ??= getSchema(createSchemaExtensions());
  return cachedSchema;
}
