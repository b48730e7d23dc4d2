/**
 * What follows (English) or precedes (Chinese) a speaker's name, split into their role (the
 * position: "Dean and Executive Secretary", "院長兼執行秘書") and their affiliation (the
 * organisation: "International Anti-Corruption Academy (IACA)", "國際反貪腐學院"). Heuristic and
 * conservative: what cannot be told apart stays together, in the affiliation.
 */

// A comma-separated part naming a position. Word boundaries keep "Directorate" or "Chairs" out.
const ROLE_WORD =
  /\b(?:President|Chair|Chairman|Chairwoman|Chairperson|Director|Dean|Secretary|Adviser|Advisor|Representative|Minister|Commissioner|Head|Officer|Manager|Professor|Ambassador|Deputy|Chief|Coordinator|Specialist|Expert|Lead|Leader|Counsel|Counsellor|Judge|Prosecutor|Governor|Mayor|Founder|Partner|CEO|CFO|COO|Analyst|Consultant|Researcher|Fellow|Inspector|Auditor|Investigator|Attorney|Lecturer|Overseer|Spokesperson|Superintendent|Vice-chairman|Vice-president)\b/i;
// A title that is a whole position by itself, so that "Chairman Anti-Corruption Organization of
// Thailand (ACT)" (no comma) still comes apart.
const LONE_TITLE = /^(Chairman|Chairwoman|Chairperson|Chair|President|Dean)\s+(?!of\b|and\b|&)(?=[A-Z])/;

/** Where each comma-separated part starts, commas inside brackets ("(Anti-Corruption, NACC)") not counting; one pass. */
function partStarts(text: string): number[] {
  const starts = [0];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '（') depth++;
    else if ((c === ')' || c === '）') && depth > 0) depth--;
    else if (c === ',' && depth === 0) starts.push(i + 1);
  }
  return starts;
}

/** "Director, FinTech Department, Office of the SEC": leading parts with a position, then the organisation (as written). */
export function splitRoleEnglish(rest: string): { role?: string; affiliation?: string } {
  const starts = partStarts(rest);
  const partAt = (i: number) => rest.slice(starts[i], i + 1 < starts.length ? starts[i + 1]! - 1 : rest.length);
  let roles = 0;
  while (roles < starts.length && ROLE_WORD.test(partAt(roles))) roles++;
  if (roles === 0) return { affiliation: rest };
  if (starts.length === 1) {
    const lone = LONE_TITLE.exec(rest);
    if (lone) return { role: lone[1]!, affiliation: rest.slice(lone[0].length).trim() };
  }
  if (roles === starts.length) return { role: rest };
  const role = rest.slice(0, starts[roles]! - 1).trim();
  const affiliation = rest.slice(starts[roles]).trim();
  return affiliation ? { role, affiliation } : { role };
}

// Chinese positions, longest first so "主任委員" wins over "委員"; modifiers and joins that belong to them.
const ROLE_ZH = [
  '主任委員', '執行秘書', '秘書長', '警察總長', '董事長', '理事長', '執行長', '總經理', '檢察長', '檢察官', '研究員', '分析師',
  '總長', '院長', '組長', '處長', '局長', '部長', '署長', '司長', '科長', '主任', '總監', '主席', '主委', '顧問', '代表', '總裁',
  '經理', '委員', '教授', '專員', '大使', '法官', '首長', '會長', '校長', '市長', '次長', '參事', '秘書', '專家', '官員',
];
const MODIFIER_ZH = ['代理', '副', '共同', '首席', '資深', '駐地', '區域', '榮譽', '執行'];
const JOIN_ZH = ['兼', '暨', '及', '、'];
// Where an organisation's name ends: what follows such an ending, up to the role, is part of the role ("反貪腐顧問").
const ORGANISATION_END = /(辦公室|委員會|中心|學院|大學|銀行|機構|公司|協會|基金會|法院|政府|部|署|局|處|組|院|會|\)|）)/g;
const MAX_ROLE_PREFIX = 6;

function stripEnd(text: string, words: readonly string[]): string | null {
  for (const word of words) if (text.endsWith(word) && text.length > word.length) return word;
  return null;
}

/** "國際反貪腐學院院長兼執行秘書" -> affiliation "國際反貪腐學院", role "院長兼執行秘書". */
export function splitRoleChinese(text: string): { role?: string; affiliation?: string } {
  let rest = text;
  let role = '';
  // Bounded: a role of a few positions joined by 兼/暨, each with a modifier or two.
  for (let step = 0; step < 12; step++) {
    const word = stripEnd(rest, ROLE_ZH) ?? (role ? stripEnd(rest, MODIFIER_ZH) : null);
    if (word) {
      rest = rest.slice(0, -word.length);
      role = word + role;
      continue;
    }
    const join = role ? stripEnd(rest, JOIN_ZH) : null;
    if (join && stripEnd(rest.slice(0, -join.length), ROLE_ZH)) {
      rest = rest.slice(0, -join.length);
      role = join + role;
      continue;
    }
    break;
  }
  rest = rest.trim();
  if (!role || rest.length < 2) return { affiliation: text };
  // "…地區辦公室反貪腐" + "顧問": the words after the organisation's last ending belong to the role.
  let end = -1;
  for (const match of rest.matchAll(ORGANISATION_END)) end = match.index + match[0].length;
  const after = end > 0 ? rest.slice(end) : '';
  if (after && after.length <= MAX_ROLE_PREFIX && !/[，,、]/.test(after)) {
    role = after.trim() + role;
    rest = rest.slice(0, end).trim();
  }
  return { role, affiliation: rest.replace(/[，,、\s]+$/, '') };
}
