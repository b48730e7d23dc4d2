import { useMemo } from 'react';
import { useStoreSelector } from '../collab/store.ts';
import { useMeeting } from '../meeting/meetingContext.tsx';
import type { Author } from '../review/useAuthorship.ts';
import { authorColorsByUser } from './authorColorMap.ts';
import type { LegendEntry } from './AuthorLegend.tsx';

const NONE = { colors: new Map<number, string>(), legend: [] as LegendEntry[] };

/**
 * Colour by author, when on: each Yjs client id's colour (its author's caret colour while present,
 * otherwise a distinct palette colour) and the legend. Reads presence only while on, as one string
 * of user ids and colours, so carets moving or people changing slot do not render the page.
 */
export function useAuthorColoring(authors: Map<number, Author>, enabled: boolean): typeof NONE {
  const { presence } = useMeeting();
  const presentKey = useStoreSelector(presence, (people) => (enabled ? people.filter((p) => p.userId).map((p) => `${p.userId}=${p.color}`).sort().join(';') : ''), [enabled]);
  return useMemo(() => {
    if (!enabled) return NONE;
    const present = new Map(presentKey ? presentKey.split(';').map((pair) => pair.split('=') as [string, string]) : []);
    const names = new Map<string, string>();
    for (const a of authors.values()) names.set(a.userId, a.name);
    const byUser = authorColorsByUser(names.keys(), present);
    const colors = new Map([...authors].map(([client, a]) => [client, byUser.get(a.userId)!]));
    const legend = [...byUser].map(([userId, color]) => ({ userId, color, name: names.get(userId) ?? '' })).sort((x, y) => x.name.localeCompare(y.name));
    return { colors, legend };
  }, [enabled, presentKey, authors]);
}
