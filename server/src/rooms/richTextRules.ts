import * as Y from 'yjs';
import type { Schema } from '@tiptap/pm/model';
import { LIMITS } from '../../../shared/src/model/schema/limits.ts';
import { anyAttributeValue, minutesAttributeValues } from '../../../shared/src/model/schema/values.ts';
import { describeIssue } from './valueRules.ts';
import type { TypeInfo } from './itemPlacement.ts';

// Bound once: run through tsx, each `Y.X` is a getter call (see itemPlacement.ts).
const { ContentAny, ContentDeleted, ContentFormat, ContentString, ContentType, XmlElement, XmlHook, XmlText } = Y;

/**
 * What may be written inside a minutes fragment (`minutes/<slotId>/<lang>`): the editor schema's
 * nodes as XmlElements holding XmlElements and XmlTexts, attributes the node has (speaker, item,
 * level... with the values minutesAttributes.ts and the table extension give them), and text with
 * the schema's marks. The same extensions build the editor, so the two cannot disagree.
 */
interface EditorNames {
  nodes: Set<string>;
  marks: Set<string>;
  /** Attribute names per node. */
  attributes: Map<string, Set<string>>;
}

let editorNames: EditorNames | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads the editor schema (Tiptap and ProseMirror, several MB of code) the first time a document
 * is opened rather than when the server starts, so that an idle server does not hold it. Every
 * room awaits this before it validates anything (Room.load); other callers of the validator
 * (check-store, tests, the validation benchmark) await it first too.
 */
export function loadEditorSchema(): Promise<void> {
  loading ??= import('../../../shared/src/schema/extensions.ts').then(
    ({ getMinutesSchema }) => {
      editorNames = namesOf(getMinutesSchema());
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

function namesOf(schema: Schema): EditorNames {
  return {
    nodes: new Set(Object.keys(schema.nodes)),
    // y-prosemirror stores marks as text formatting attributes; `ychange` marks snapshot diffs.
    marks: new Set([...Object.keys(schema.marks), 'ychange']),
    attributes: new Map(Object.entries(schema.nodes).map(([name, type]) => [name, new Set(Object.keys(type.spec.attrs ?? {}))])),
  };
}

function names(): EditorNames {
  if (!editorNames) throw new Error('the editor schema is not loaded: await loadEditorSchema() before validating');
  return editorNames;
}

/** A problem with new content `item` placed in rich text `parent` under `key`, or null. */
export function richTextProblem(item: Y.Item, parent: TypeInfo, key: string | null): string | null {
  const content = item.content;
  if (content instanceof ContentDeleted) return null;
  if (parent.yKind === 'xmlText') {
    if (key !== null) return 'text in the minutes has no attributes';
    if (content instanceof ContentString) return null;
    if (content instanceof ContentFormat) return markProblem(content);
    return 'text in the minutes holds only characters and marks';
  }
  if (parent.yKind !== 'xmlFragment' && parent.yKind !== 'xmlElement') return 'rich text holds only elements and text';
  if (key !== null) return parent.yKind === 'xmlElement' ? attributeProblem(parent.nodeName ?? '', key, content) : 'a minutes fragment has no attributes';
  if (!(content instanceof ContentType)) return 'minutes elements hold only elements and text';
  const type = content.type;
  if (type instanceof XmlText) return null;
  if (type instanceof XmlElement && !(type instanceof XmlHook)) {
    return names().nodes.has(type.nodeName) ? null : `node ${JSON.stringify(type.nodeName.slice(0, 80))} is not in the editor schema`;
  }
  return type instanceof XmlHook ? 'XML hooks are not allowed' : 'minutes elements hold only elements and text';
}

function markProblem(content: Y.ContentFormat): string | null {
  // A null value ends a mark: harmless whatever its name.
  if (content.value === null) return null;
  if (!names().marks.has(content.key)) return `mark ${JSON.stringify(content.key.slice(0, 80))} is not in the editor schema`;
  const value: unknown = content.value;
  if (value !== true && (typeof value !== 'object' || Array.isArray(value))) return `mark ${content.key} has a value that is not its attributes`;
  if (value !== true && JSON.stringify(value).length > LIMITS.markJson) return `mark ${content.key} has attributes longer than ${LIMITS.markJson} characters`;
  return null;
}

function attributeProblem(nodeName: string, key: string, content: Y.Item['content']): string | null {
  if (!names().attributes.get(nodeName)?.has(key)) return `attribute ${JSON.stringify(key.slice(0, 40))} is not an attribute of ${nodeName}`;
  if (!(content instanceof ContentAny) || content.arr.length !== 1) return `attribute ${key} must be one plain value`;
  const schema = minutesAttributeValues[key] ?? anyAttributeValue;
  const parsed = schema.safeParse(content.arr[0]);
  return parsed.success ? null : `attribute ${key}: ${describeIssue(parsed.error)}`;
}
