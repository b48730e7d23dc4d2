import { DOMSerializer, Node as PMNodeClass } from '@tiptap/pm/model';
import { memo, useLayoutEffect, useRef } from 'react';
import type { PMNode } from '../../../shared/src/report/pmJson.ts';
import type { NumberLabel } from '../../../shared/src/report/reportModel.ts';
import { getMinutesSchema } from '../../../shared/src/schema/extensions.ts';

/**
 * The model's numbered headings carry `attrs.number` (not an editor attribute): written into the
 * heading's text for this language, so the editor schema can parse the rest unchanged.
 */
function withHeadingNumbers(node: PMNode, lang: string): PMNode {
  if (node.type === 'heading' && node.attrs && 'number' in node.attrs) {
    const { number, ...attrs } = node.attrs as { number?: NumberLabel };
    const label = number?.[lang as keyof NumberLabel] ?? '';
    return { ...node, attrs, content: label ? [{ type: 'text', text: `${label} ` }, ...(node.content ?? [])] : node.content };
  }
  return node.content ? { ...node, content: node.content.map((child) => withHeadingNumbers(child, lang)) } : node;
}

/**
 * Generated text (an agenda item's minutes, as the report model carries it) shown read-only with
 * the minutes' own schema and serializer: the same nodes and marks as in the editor, built as DOM
 * nodes (never parsed from HTML), so nothing in the text can become markup. A document that does
 * not fit the schema shows as plain text.
 */
export const RichTextView = memo(function RichTextView({ doc, lang, testId }: { doc: PMNode | undefined; lang: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (!doc) {
      element.replaceChildren();
      return;
    }
    const schema = getMinutesSchema();
    try {
      const node = PMNodeClass.fromJSON(schema, withHeadingNumbers(doc, lang));
      element.replaceChildren(DOMSerializer.fromSchema(schema).serializeFragment(node.content));
    } catch {
      element.textContent = plainText(doc);
    }
  }, [doc, lang]);
  return <div ref={ref} className="minutes-prose report-generated" lang={lang} data-testid={testId} />;
});

function plainText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  const inner = (node.content ?? []).map(plainText).join('');
  return node.type === 'paragraph' || node.type === 'heading' ? `${inner}\n` : inner;
}
