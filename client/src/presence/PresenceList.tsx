import type { QuorumProvider } from '../collab/quorumProvider.ts';
import { useAwarenessStates } from '../collab/useAwarenessStates.ts';

/**
 * Who is in the document, with their caret colour. Names are rendered as React text, never as
 * HTML: a name like `<img src=x onerror=...>` shows literally.
 */
export function PresenceList({ provider, youLabel, label, describeLocation }: { provider: QuorumProvider; youLabel: string; label: string; describeLocation?: (loc: { slotId: string; lang: string }) => string }) {
  const states = useAwarenessStates(provider);
  const people = states.filter((s) => s.user?.name);
  return (
    <ul className="presence" aria-label={label} data-testid="presence">
      {people.map((s) => (
        <li key={s.clientId} title={s.location && describeLocation ? describeLocation(s.location) : undefined}>
          <span className="dot" style={{ background: s.user!.color ?? '#888' }} aria-hidden="true" />
          <span className="presence-name">{s.user!.name}</span>
          {s.clientId === provider.doc.clientID && <span className="muted"> ({youLabel})</span>}
          {s.location && describeLocation && <span className="muted presence-where"> · {describeLocation(s.location)}</span>}
        </li>
      ))}
    </ul>
  );
}
