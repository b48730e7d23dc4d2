import type { Localized, Speaker } from './agendaDoc.ts';

/** The text in the first of `preferred` languages that has it. */
const pick = (localized: Localized | undefined, preferred: readonly string[]): string | undefined => {
  if (!localized) return undefined;
  for (const lang of preferred) if (localized[lang]?.trim()) return localized[lang]!.trim();
  return undefined;
};

/**
 * A speaker in one line, in the reader's language first ("Mr. Thomas Stelzer (Dean and Executive
 * Secretary, International Anti-Corruption Academy)"): an English interface no longer shows the
 * speakers in Chinese because Chinese is the meeting's first language (issue 14). The name and the
 * role with affiliation each fall back to the next language that has them.
 */
export function speakerSummary(speaker: Speaker, preferred: readonly string[]): string {
  const name = pick(speaker.name, preferred) ?? Object.values(speaker.name)[0] ?? '';
  // Role and affiliation from one language (never an English role with a Chinese affiliation).
  const lang = preferred.find((l) => speaker.role?.[l]?.trim() || speaker.affiliation?.[l]?.trim());
  const about = lang ? [speaker.role?.[lang], speaker.affiliation?.[lang]].filter((t) => t?.trim()).join(', ') : '';
  return about ? `${name} (${about})` : name;
}
