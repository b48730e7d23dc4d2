const HAN = /\p{Script=Han}/u;
const WORD_BREAK = /[\s\-_.·]+/u;
/** Longest label: three characters still fit a caret label and a presence chip. */
const MAX_LENGTH = 3;

/**
 * A label for `name` with `extra` more characters than the plain initials: a Chinese name grows
 * from the family name into the given name (陳 -> 陳大 -> 陳大明), a Latin one from the last word
 * (CW -> CWe -> CWei), a single word letter by letter (AN -> AND).
 */
function labelOf(name: string, extra: number): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const chars = [...trimmed];
  if (HAN.test(chars[0]!)) return chars.slice(0, 1 + extra).join('');
  const words = trimmed.split(WORD_BREAK).filter(Boolean);
  if (words.length >= 2) {
    const last = [...words[words.length - 1]!];
    return ([...words[0]!][0]! + last[0]!).toUpperCase() + last.slice(1, 1 + extra).join('').toLowerCase();
  }
  return chars.slice(0, 2 + extra).join('').toUpperCase();
}

/**
 * What a caret label and presence chip show beside the colour (never colour alone): "Chen Wei" ->
 * "CW", "Anna" -> "AN", a Chinese name -> its first character (the family name, 陳主任 -> 陳).
 */
export function initialsOf(name: string): string {
  return labelOf(name, 0);
}

/**
 * The initials of `name` among the people in the same document: when two of them would show the
 * same initials (陳大明 and 陳小華 are both 陳; Chen Wei and Chen Wang both CW), each gets the
 * shortest longer label that tells them apart (陳大 / 陳小, CWe / CWa). Every client computes the
 * same labels from the same names, so a caret and its presence chip agree. Two people with the
 * same name keep the same label: their colours and the presence list tell them apart.
 */
export function initialsAmong(name: string, names: Iterable<string>): string {
  const own = name.trim();
  const rivals = [...new Set([...names].map((n) => n.trim()))].filter((n) => n !== own && labelOf(n, 0) === labelOf(own, 0));
  for (let extra = 0; ; extra++) {
    const label = labelOf(own, extra);
    const longest = label.length >= MAX_LENGTH || label === labelOf(own, extra + 1);
    if (longest || rivals.every((n) => labelOf(n, extra) !== label)) return label;
  }
}
