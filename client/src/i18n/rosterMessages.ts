/**
 * Interface strings of the roster, the agenda import preview and delegation confirmations (issue
 * 14), in English and Traditional Chinese. Merged with the other catalogues in `i18n.tsx`; a key
 * lives in exactly one file.
 */
export const enRoster = {
  'agendaImport.col.day': 'Day',
  'agendaImport.col.time': 'Time',
  'agendaImport.col.kind': 'Kind',
  'agendaImport.col.title': 'Title ({lang})',
  'agendaImport.col.speakers': 'Speakers ({lang})',
  'agendaImport.caption': 'What the agenda will become',
  'agendaImport.dayDate': 'Day {day}: {date}',
  'agendaImport.noDate': 'Day {day}: no date found',
  'roster.fromAgenda.title': 'Build the roster from the agenda',
  'roster.fromAgenda.offer': 'The agenda names these delegations and people, not in the roster yet (delegations: {delegations}, people: {people}).',
  'roster.fromAgenda.add': 'Add them to the roster',
  'roster.fromAgenda.delegationOf': 'delegation: {name}',
  'roster.accounts': 'Accounts that confirm for {name}',
  'roster.linkAccount': 'Link an account…',
  'roster.unlinkAccount': 'Unlink {name}',
  'roster.noAccounts': 'No account linked: only the chair can confirm for this delegation.',
  'confirm.asChair': 'as chair',
  'confirm.confirmAsChair': 'Confirm as chair',
  'confirm.amendAsChair': 'Request amendments as chair',
  'confirm.notYours': 'Only a member of this delegation (or the chair) can confirm for it.',
} as const;

export type RosterMessageKey = keyof typeof enRoster;

export const zhHantRoster: Record<RosterMessageKey, string> = {
  'agendaImport.col.day': '日',
  'agendaImport.col.time': '時間',
  'agendaImport.col.kind': '類型',
  'agendaImport.col.title': '標題（{lang}）',
  'agendaImport.col.speakers': '講者（{lang}）',
  'agendaImport.caption': '匯入後的議程',
  'agendaImport.dayDate': '第 {day} 天：{date}',
  'agendaImport.noDate': '第 {day} 天：未找到日期',
  'roster.fromAgenda.title': '由議程建立與會名單',
  'roster.fromAgenda.offer': '議程列有下列尚未列入名單的代表團與人員（代表團：{delegations}，人員：{people}）。',
  'roster.fromAgenda.add': '加入與會名單',
  'roster.fromAgenda.delegationOf': '代表團：{name}',
  'roster.accounts': '可代表 {name} 確認的帳號',
  'roster.linkAccount': '連結帳號…',
  'roster.unlinkAccount': '取消連結 {name}',
  'roster.noAccounts': '尚未連結帳號：僅主席可代表此代表團確認。',
  'confirm.asChair': '以主席身分',
  'confirm.confirmAsChair': '以主席身分確認',
  'confirm.amendAsChair': '以主席身分要求修正',
  'confirm.notYours': '僅此代表團成員（或主席）可代表其確認。',
};
