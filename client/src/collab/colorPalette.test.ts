import { describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { assignColors, nextColor, type ColoredPeer } from './colorAssignment.ts';
import { PALETTE, colorDistance, contrastRatio } from './colorPalette.ts';

/** OKLab distance below which two caret colours read as "the same colour" next to each other. */
const MIN_DISTANCE_FOR_8 = 0.1;
const minPairwise = (colors: string[]) => Math.min(...colors.flatMap((a, i) => colors.slice(i + 1).map((b) => colorDistance(a, b))));

describe('caret colour palette', () => {
  it('every colour carries white label text at WCAG AA (4.5:1), so labels read in the light and dark themes', () => {
    for (const color of PALETTE) expect(contrastRatio(color, '#ffffff'), color).toBeGreaterThanOrEqual(4.5);
  });

  it('the two purples of the issue are the kind of pair it avoids (distance far below the threshold)', () => {
    expect(colorDistance('#9333ea', '#7c3aed')).toBeLessThan(MIN_DISTANCE_FOR_8 / 2);
    expect(colorDistance('#000000', '#ffffff')).toBeCloseTo(1, 2);
  });

  it('8 people arriving one after another get 8 colours at least the threshold apart, whoever they are', () => {
    for (let group = 0; group < 50; group++) {
      const peers: ColoredPeer[] = [];
      for (let i = 0; i < 8; i++) {
        const userId = `user-${group}-${i}-${(group * 7919 + i * 104729).toString(36)}`;
        peers.push({ userId, color: nextColor(null, userId, peers) });
      }
      const colors = peers.map((p) => p.color!);
      expect(new Set(colors).size).toBe(8);
      expect(minPairwise(colors), colors.join(' ')).toBeGreaterThan(MIN_DISTANCE_FOR_8);
    }
  });

  it('keeps a person\'s colour while present, when others come and go', () => {
    const mine = nextColor(null, 'u-me', [{ userId: 'u-a', color: PALETTE[0]! }]);
    const crowd = PALETTE.slice(1, 7).filter((c) => c !== mine).map((color, i) => ({ userId: `u-${i}`, color }));
    expect(nextColor(mine, 'u-me', crowd)).toBe(mine);
    expect(nextColor(mine, 'u-me', [])).toBe(mine);
  });

  it('two people who picked the same colour at once: the larger user id moves, the other keeps it', () => {
    const color = PALETTE[3]!;
    expect(nextColor(color, 'u-a', [{ userId: 'u-b', color }])).toBe(color);
    const moved = nextColor(color, 'u-b', [{ userId: 'u-a', color }]);
    expect(moved).not.toBe(color);
    expect(colorDistance(moved, color)).toBeGreaterThan(MIN_DISTANCE_FOR_8);
  });

  it('the same person in a second tab shows the colour of the first', () => {
    expect(nextColor(null, 'u-me', [{ userId: 'u-me', color: PALETTE[5]! }, { userId: 'u-x', color: PALETTE[0]! }])).toBe(PALETTE[5]);
  });

  it('on a real awareness: publishes the chosen colour and puts it back when an editor republishes an old one', () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalStateField('user', { id: 'u-me', name: 'Me', color: '#123456' });
    const stop = assignColors(awareness, 'u-me', 0);
    const chosen = (awareness.getLocalState()!.user as { color: string }).color;
    expect(PALETTE).toContain(chosen);
    awareness.setLocalStateField('user', { id: 'u-me', name: 'Me', color: '#123456' });
    expect((awareness.getLocalState()!.user as { color: string }).color).toBe(chosen);
    stop();
    awareness.destroy();
  });
});
