const HAN = /\p{Script=Han}/u;

/**
 * What a caret label and presence chip show beside the colour (never colour alone): "Chen Wei" ->
 * "CW", "Anna" -> "AN", a Chinese name -> its first character (the family name, 陳主任 -> 陳).
 */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const first = [...trimmed][0]!;
  if (HAN.test(first)) return first;
  const words = trimmed.split(/[\s\-_.·]+/u).filter(Boolean);
  if (words.length >= 2) return ([...words[0]!][0]! + [...words[words.length - 1]!][0]!).toUpperCase();
  return [...trimmed].slice(0, 2).join('').toUpperCase();
}
