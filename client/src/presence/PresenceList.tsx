import { initialsAmong } from '../collab/initials.ts';
import type { Location, Person } from '../collab/presence.ts';
import '../meeting/session.css';
import { useStore, type ReadableStore } from '../collab/store.ts';

/**
 * Who is in the document, with their caret colour and initials (as on their caret label). Names are rendered as React text, never as
 * HTML: a name like `<img src=x onerror=...>` shows literally. Renders when someone comes, goes
 * or changes slot, not when carets move.
 */
export function PresenceList({ presence, selfClientId, youLabel, label, describeLocation }: { presence: ReadableStore<Person[]>; selfClientId: number; youLabel: string; label: string; describeLocation?: (loc: Location) => string }) {
  const people = useStore(presence);
  const names = people.map((p) => p.name);
  return (
    <ul className="presence" aria-label={label} data-testid="presence">
      {people.map((p) => (
        <li key={p.clientId} title={p.location && describeLocation ? describeLocation(p.location) : undefined}>
          <span className="presence-initials" style={{ background: p.color }} aria-hidden="true">
            {initialsAmong(p.name, names)}
          </span>
          <span className="presence-name">{p.name}</span>
          {p.clientId === selfClientId && <span className="muted"> ({youLabel})</span>}
          {p.location && describeLocation && <span className="muted presence-where"> · {describeLocation(p.location)}</span>}
        </li>
      ))}
    </ul>
  );
}
