import type { PMNode } from '../../../../shared/src/report/pmJson.ts';
import { itemNumber, sectionNumber } from '../../../../shared/src/report/numbering.ts';

/**
 * Numbers the headings of a co-edited text the way the report's sections are numbered: level 1-2
 * headings 一、二、 (1. 2.), level 3 headings (一)(二) ((a) (b)) counted again under each level 1-2
 * heading. Returns a copy with `attrs.number` set; other nodes are kept as they are.
 */
export function numberHeadings(doc: PMNode): PMNode {
  let sections = 0;
  let items = 0;
  return {
    ...doc,
    content: (doc.content ?? []).map((node) => {
      if (node.type !== 'heading') return node;
      const level = Number(node.attrs?.level ?? 1);
      if (level <= 2) {
        sections++;
        items = 0;
        return { ...node, attrs: { ...node.attrs, number: sectionNumber(sections) } };
      }
      items++;
      return { ...node, attrs: { ...node.attrs, number: itemNumber(items) } };
    }),
  };
}
