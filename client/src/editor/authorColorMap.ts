import { farthestColor } from '../collab/colorPalette.ts';

/**
 * Colour by author: people present keep their caret colour; authors who are not here get the
 * palette colours farthest from those (in user-id order, so every page agrees).
 */
export function authorColorsByUser(authorIds: Iterable<string>, present: ReadonlyMap<string, string>): Map<string, string> {
  const ids = [...new Set(authorIds)].sort();
  const colors = new Map<string, string>();
  for (const id of ids) if (present.has(id)) colors.set(id, present.get(id)!);
  for (const id of ids) {
    if (colors.has(id)) continue;
    colors.set(id, farthestColor([...colors.values()], id));
  }
  return colors;
}
