import { lastCharacter } from './text.ts';

const HAN_KANA = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * A title or speaker line put together from the lines a PDF or Word report wrapped it into: no
 * space between CJK, one space between words, none after a hyphen ("Kelaart-" + "Courtney").
 * Kept as pieces and joined once at the end: growing one string and reading its last character
 * after every line rebuilt the whole string each time, which made long pastes quadratic.
 */
export class WrappedText {
  private readonly pieces: string[];
  private lastLine: string;
  private chars: number;

  constructor(first: string) {
    this.pieces = [first];
    this.lastLine = first;
    this.chars = first.length;
  }

  get length(): number {
    return this.chars;
  }

  get lastCharacter(): string {
    return lastCharacter(this.lastLine);
  }

  endsWith(suffix: string): boolean {
    return this.lastLine.endsWith(suffix);
  }

  append(next: string): void {
    const joined = (this.lastLine.endsWith('-') && /^[a-z]/i.test(next)) || (HAN_KANA.test(this.lastCharacter) && HAN_KANA.test(next));
    if (!joined) this.pieces.push(' ');
    this.pieces.push(next);
    this.lastLine = next;
    this.chars += next.length + (joined ? 0 : 1);
  }

  toString(): string {
    return this.pieces.join('');
  }
}
