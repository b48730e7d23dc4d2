import { rosterLabel, type RosterEntry } from '../../../shared/src/model/rosterDoc.ts';

/** Fixed words of exported records, per language; other languages fall back to English. */
const LABELS = {
  en: {
    agenda: 'Agenda',
    minutes: 'Minutes',
    time: 'Time',
    item: 'Item',
    speakers: 'Speakers',
    participants: 'Participants',
    present: 'Present',
    regrets: 'Regrets',
    attendanceUnknown: 'Attendance not recorded',
    series: 'Series',
    decisionsAndActions: 'Decisions and action items',
    decision: 'Decision',
    action: 'Action',
    owner: 'Owner',
    due: 'Due',
    actual: 'Actual',
    venue: 'Venue',
    virtual: 'Virtual meeting',
    dates: 'Dates',
    timesIn: 'All times are given in',
    version: 'Version',
    generated: 'Generated',
    finalisedBy: 'Finalised by',
    draft: 'Draft — not an official record',
    none: 'None recorded.',
    writtenBy: 'Written by',
    notes: 'Notes (comment threads)',
    suggestion: 'Suggested',
    resolved: 'resolved',
  },
  'zh-Hant': {
    agenda: '議程',
    minutes: '會議紀要',
    time: '時間',
    item: '議題',
    speakers: '講者',
    participants: '與會者',
    present: '出席',
    regrets: '請假',
    attendanceUnknown: '出席情形未記錄',
    series: '系列會議',
    decisionsAndActions: '決議及待辦事項',
    decision: '決議',
    action: '待辦',
    owner: '負責人',
    due: '期限',
    actual: '實際',
    venue: '地點',
    virtual: '視訊會議',
    dates: '日期',
    timesIn: '本紀要時間皆為',
    version: '版本',
    generated: '產製時間',
    finalisedBy: '定稿者',
    draft: '草稿 — 非正式紀錄',
    none: '無。',
    writtenBy: '撰寫者',
    notes: '附註（評論）',
    suggestion: '建議修改',
    resolved: '已解決',
  },
} as const;

export type LabelKey = keyof (typeof LABELS)['en'];

const OUTCOMES: Record<string, Record<string, string>> = {
  en: { adopted: 'adopted', agreed: 'agreed', noted: 'noted', no_consensus: 'no consensus', deferred: 'deferred' },
  'zh-Hant': { adopted: '通過', agreed: '同意', noted: '備悉', no_consensus: '未達共識', deferred: '延後討論' },
};

/** All fixed words in one language (English when the language has none). */
export const exportLabels = (lang: string) => (lang in LABELS ? LABELS[lang as keyof typeof LABELS] : LABELS.en);

/** One label in the given languages, e.g. "議程 / Agenda" for ['zh-Hant', 'en']. */
export function label(key: LabelKey, languages: string[]): string {
  return [...new Set(languages.map((lang) => exportLabels(lang)[key]))].join(' / ');
}

export function outcomeLabel(outcome: string | null, languages: string[]): string {
  if (!outcome) return '';
  return [...new Set(languages.map((lang) => (OUTCOMES[lang] ?? OUTCOMES.en!)[outcome] ?? outcome))].join(' / ');
}

/**
 * A language's name in that language ("繁體中文", "English"), for the column headings of
 * side-by-side exports: each reader finds their own language by its own name.
 */
export function languageName(lang: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}

/** "Series: 34th ACTWG Meeting" when the meeting belongs to a series, else null. */
export function seriesLine(meta: { series: string; number: number | null }, languages: string[]): { label: string; value: string } | null {
  if (!meta.series) return null;
  return { label: label('series', languages), value: [meta.number, meta.series].filter(Boolean).join(' ') };
}

/**
 * The roster grouped by attendance, in print order: present, regrets, and those whose attendance
 * nobody recorded (listed as such, never as present), each as names in the export's languages (a
 * name missing in them falls back to the entry's other name, so nobody prints as a blank). Empty
 * groups are left out; an empty roster gives no group (the renderers print "None recorded.").
 */
export function attendanceGroups(roster: RosterEntry[], languages: string[]): Array<{ label: string; names: string[] }> {
  const name = (entry: RosterEntry) => rosterLabel(entry, languages) || Object.values(entry.name).find((n) => n.trim()) || '—';
  const groups = [
    { label: label('present', languages), entries: roster.filter((r) => r.attendance === 'present') },
    { label: label('regrets', languages), entries: roster.filter((r) => r.attendance === 'regrets') },
    { label: label('attendanceUnknown', languages), entries: roster.filter((r) => r.attendance !== 'present' && r.attendance !== 'regrets') },
  ];
  return groups.filter((g) => g.entries.length > 0).map((g) => ({ label: g.label, names: g.entries.map(name) }));
}
