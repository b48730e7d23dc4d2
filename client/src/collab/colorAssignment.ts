import type { Awareness } from 'y-protocols/awareness';
import { PALETTE, farthestColor } from './colorPalette.ts';

/** Someone else in the document, as far as colours go. */
export interface ColoredPeer {
  userId: string;
  color: string | null;
}

/**
 * The colour this person should show, given who else is present. Stable: a colour is kept while
 * nobody else (another person) shows it. When two people picked the same colour at the same moment
 * the one with the larger user id moves, so both pages agree without talking. The same person in
 * a second tab takes the colour they already show in the first.
 */
export function nextColor(current: string | null, me: string, peers: readonly ColoredPeer[]): string {
  const others = peers.filter((p) => p.userId !== me && p.color !== null && PALETTE.includes(p.color));
  const clash = current !== null && others.some((p) => p.color === current && p.userId < me);
  if (current !== null && PALETTE.includes(current) && !clash) return current;
  if (current === null) {
    const mine = peers.find((p) => p.userId === me && p.color !== null && PALETTE.includes(p.color) && !others.some((o) => o.color === p.color && o.userId < me));
    if (mine) return mine.color!;
  }
  return farthestColor([...new Set(others.map((p) => p.color!))], me);
}

interface AwarenessUser {
  id?: unknown;
  name?: unknown;
  color?: unknown;
}

const userOf = (state: unknown): AwarenessUser | undefined => (state as { user?: AwarenessUser } | null)?.user;

/**
 * Keeps this client's caret colour (awareness `user.color`) chosen per meeting: on arrival the
 * palette colour farthest from the people present, then that colour for as long as the person is
 * here. Editors that mount later publish the colour they were created with: it is put back at once.
 * Returns the function that stops it.
 */
export function assignColors(awareness: Awareness, userId: string, settleAfterMs = 1_500): () => void {
  let current: string | null = null;
  // Until the people already here are known (their awareness arrives just after ours is sent), the
  // first choice is provisional and made again; then it stays.
  let provisional = true;
  const settle = setTimeout(() => (provisional = false), settleAfterMs);
  const peers = (): ColoredPeer[] =>
    [...awareness.getStates()].flatMap(([clientId, state]) => {
      if (clientId === awareness.clientID) return [];
      const user = userOf(state);
      return typeof user?.id === 'string' ? [{ userId: user.id, color: typeof user.color === 'string' ? user.color : null }] : [];
    });
  const update = () => {
    const present = peers();
    current = nextColor(provisional ? null : current, userId, present);
    if (present.some((p) => p.userId !== userId)) provisional = false;
    const mine = userOf(awareness.getLocalState());
    if (mine && mine.color !== current) awareness.setLocalStateField('user', { ...mine, color: current });
  };
  update();
  awareness.on('change', update);
  return () => {
    clearTimeout(settle);
    awareness.off('change', update);
  };
}
