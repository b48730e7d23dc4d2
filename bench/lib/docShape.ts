import * as Y from 'yjs';

/**
 * The one document shape every server is fed, so the comparison is fair: Quorum's minutes model
 * (`minutes/<slotId>/<lang>` XmlFragments holding `paragraph` elements with text), two languages.
 * The seed is made once with a fixed client id; every author starts from the same bytes, so even
 * the echo server (which keeps no state) sees edits that build on a document all clients share.
 */
export const LANGS = ['en', 'zh'] as const;
const SEED_CLIENT = 1;

export function fragmentName(slot: number, lang: string): string {
  return `minutes/slot-${slot}/${lang}`;
}

/** A seed of `slots` agenda slots x 2 languages, each with `paragraphs` paragraphs of `chars` characters. */
export function makeSeed(slots: number, paragraphs: number, chars: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT;
  const line = 'The delegation of Chinese Taipei thanked the chair and noted progress on the work plan. '.repeat(Math.ceil(chars / 89)).slice(0, chars);
  doc.transact(() => {
    for (let slot = 0; slot < slots; slot++) {
      for (const lang of LANGS) {
        const fragment = doc.getXmlFragment(fragmentName(slot, lang));
        const items: Y.XmlElement[] = [];
        for (let p = 0; p < paragraphs; p++) {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(line)]);
          items.push(paragraph);
        }
        fragment.insert(0, items);
      }
    }
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Small meeting used by the typing workloads: 10 slots x 2 languages x 3 short paragraphs. */
export const SMALL_SEED = makeSeed(10, 3, 120);

/**
 * "A 100-page meeting": ~3,000 characters a page, split over 20 slots x 2 languages x 25
 * paragraphs of 300 characters (about 300 KB of text).
 */
export function bigSeed(): Uint8Array {
  return makeSeed(20, 25, 300);
}

/**
 * An author: a local Y.Doc holding the seed, a paragraph of its own (appended to one fragment on
 * the first edit) and one character inserted per edit. It never applies remote edits (typing into
 * one's own paragraph needs none), which keeps the load generator cheap; its updates are still
 * ordinary Yjs updates that build on the seed and on its own previous edits.
 */
export class Author {
  readonly doc = new Y.Doc();
  private text: Y.XmlText | null = null;
  private typed = 0;

  constructor(private readonly seed: Uint8Array, private readonly slot: number, private readonly lang: string) {
    Y.applyUpdate(this.doc, seed);
  }

  get clientId(): number {
    return this.doc.clientID;
  }

  /** Makes the author's paragraph; returns the update (sent like any edit). */
  start(): Uint8Array {
    return this.capture(() => {
      const fragment = this.doc.getXmlFragment(fragmentName(this.slot, this.lang));
      const paragraph = new Y.XmlElement('paragraph');
      const text = new Y.XmlText();
      paragraph.insert(0, [text]);
      fragment.insert(fragment.length, [paragraph]);
      this.text = text;
    });
  }

  /** Types one character; returns [update, clock of the character]. */
  type(): [Uint8Array, number] {
    if (!this.text) throw new Error('start() first');
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    const char = 'abcdefghijklmnopqrstuvwxyz '[this.typed++ % 27]!;
    const update = this.capture(() => this.text!.insert(this.text!.length, char));
    return [update, clock];
  }

  /** Types `count` characters ahead of time; returns each one's [update, clock], to be sent later. */
  prepare(count: number): Array<[Uint8Array, number]> {
    return Array.from({ length: count }, () => this.type());
  }

  /** The cursor position a Tiptap client would publish (a relative position, as JSON). */
  cursor(): unknown {
    if (!this.text) return null;
    const pos = Y.createRelativePositionFromTypeIndex(this.text, this.text.length);
    return Y.relativePositionToJSON(pos);
  }

  private capture(change: () => void): Uint8Array {
    let captured: Uint8Array | null = null;
    const listener = (update: Uint8Array) => (captured = update);
    this.doc.on('update', listener);
    try {
      this.doc.transact(change);
    } finally {
      this.doc.off('update', listener);
    }
    if (!captured) throw new Error('the change produced no update');
    return captured;
  }
}
