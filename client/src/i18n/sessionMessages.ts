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
  'error.setup_refused': '設定權杖無效（或已有系統管理員），或此電子郵件地址已被加入會議：此時請維運人員執行 npm run create-admin。',
};
