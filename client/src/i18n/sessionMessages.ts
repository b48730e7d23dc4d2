/**
 * Interface strings for the first visit (setup of the first administrator) and for what a writer
 * sees during a session (the status at the editor, caret colours legend), in English and
 * Traditional Chinese. Merged into one catalogue per language (`i18n.tsx`); a key lives in one file.
 */
export const enSession = {
  'setup.title': 'Create the first account',
  'setup.intro': 'This server has no accounts yet. The account you create now becomes the administrator; later accounts join by invitation.',
  'setup.token': 'Setup token',
  'setup.tokenHint': 'Printed in the server log at its first start ("No administrator yet…"), or open the link shown there.',
  'setup.create': 'Create the administrator account',
  'setup.commandLine': 'No access to the server log? An operator can create the administrator with npm run create-admin.',
  'setup.haveAccount': 'An administrator already exists? Sign in',
  'writer.saved': 'Saved',
  'writer.saving': 'Saving…',
  'writer.reconnecting': 'Not saved — reconnecting… (kept on this device)',
  'writer.offline': 'Not saved — offline (kept on this device)',
  'writer.closed': 'Not saved — disconnected by the server. Reload the page.',
  'writer.notSaved': 'Not saved — the server cannot store edits right now',
  'writer.refused': 'Not saved — the server refused an edit',
  'authors.legend': 'Colours by author:',
  'error.setup_refused': 'This setup token is not valid (or the first administrator already exists), or this e-mail address was already added to a meeting: then an operator uses npm run create-admin.',
};

export type SessionMessageKey = keyof typeof enSession;

export const zhHantSession: Record<SessionMessageKey, string> = {
  'setup.title': '建立第一個帳號',
  'setup.intro': '此伺服器尚無任何帳號。現在建立的帳號將成為系統管理員；之後的帳號須經邀請加入。',
  'setup.token': '設定權杖',
  'setup.tokenHint': '伺服器首次啟動時會在紀錄中印出（「No administrator yet…」），也可直接開啟紀錄中的連結。',
  'setup.create': '建立系統管理員帳號',
  'setup.commandLine': '無法查看伺服器紀錄？維運人員可以執行 npm run create-admin 建立系統管理員。',
  'setup.haveAccount': '已有系統管理員？登入',
  'writer.saved': '已儲存',
  'writer.saving': '儲存中…',
  'writer.reconnecting': '未儲存 — 重新連線中…（已保存在此裝置）',
  'writer.offline': '未儲存 — 離線（已保存在此裝置）',
  'writer.closed': '未儲存 — 伺服器已中斷連線，請重新載入頁面。',
  'writer.notSaved': '未儲存 — 伺服器目前無法儲存編輯',
  'writer.refused': '未儲存 — 伺服器拒絕了一項編輯',
  'authors.legend': '依作者標色：',
  'error.setup_refused': '設定權杖無效（或已有系統管理員），或此電子郵件地址已被加入會議：此時請維運人員執行 npm run create-admin。',
};
