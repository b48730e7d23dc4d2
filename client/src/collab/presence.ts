import type { QuorumProvider } from './quorumProvider.ts';
import { DerivedStore, type ReadableStore } from './store.ts';

/** Where someone is working: which slot and language. */
export interface Location {
  slotId: string;
  lang: string;
}

/** Someone in the document, as the page shows them (their caret position left out). */
export interface Person {
  clientId: number;
  /** The account behind the client (several tabs of one person share it); '' when not said. */
  userId: string;
  name: string;
  color: string;
  location: Location | null;
}

const readLocation = (value: unknown): Location | null => {
  const loc = value as Partial<Location> | null | undefined;
  return loc && typeof loc.slotId === 'string' && typeof loc.lang === 'string' ? { slotId: loc.slotId, lang: loc.lang } : null;
};

/**
 * Everyone with a name in the document's awareness (ourselves included). Awareness changes with
 * every caret move of everyone; the list keeps its identity unless someone came, left, was renamed
 * or moved to another slot, so that only what shows them renders again.
 */
export function presenceStore(provider: QuorumProvider): ReadableStore<Person[]> {
  const awareness = provider.awareness;
  return new DerivedStore(
    () =>
      [...awareness.getStates()].flatMap(([clientId, state]): Person[] => {
        const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
        if (typeof user?.name !== 'string' || !user.name) return [];
        return [{ clientId, userId: typeof user.id === 'string' ? user.id : '', name: user.name, color: typeof user.color === 'string' ? user.color : '#888', location: readLocation((state as { location?: unknown }).location) }];
      }),
    (onChange) => {
      awareness.on('change', onChange);
      return () => awareness.off('change', onChange);
    },
  );
}
