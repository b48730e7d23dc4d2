import { IntlMessageFormat } from 'intl-messageformat';
import type { UiLocale } from '../../../shared/src/api/auth.ts';

/**
 * The words of every e-mail, in both interface languages: ICU messages (intl-messageformat), so
 * counts read "1 notification" / "2 notifications". Kept on the server, apart from the client's
 * catalogue, because mail is written where no browser is. Values (names, titles, comments) are
 * passed as parameters, never spliced into a template, and escaped by the HTML layout.
 */
const en = {
  'greeting': 'Hello {name},',
  'role.chair': 'chair',
  'role.delegate': 'delegate',
  'role.reviewer': 'reviewer',
  'role.observer': 'observer',
  'invitation.subject': '{inviter} added you to “{meeting}”',
  'invitation.added': '{inviter} added {email} to the meeting “{meeting}” as {role}.',
  'invitation.howTo': 'Open the meeting with the link below and sign in with this e-mail address. If you have no account on this server yet, choose “Create account” on the sign-in page and use this address: the meeting is waiting for you there.',
  'invitation.open': 'Open the meeting',
  'invitation.unexpected': 'If you did not expect this invitation, you can ignore this e-mail.',
  'mention.subject': '{actor} mentioned you in “{meeting}”',
  'reply.subject': '{actor} replied in a thread in “{meeting}”',
  'reviewWindow.subject': 'Review is open: “{meeting}”',
  'approvalRequest.subject': 'Ready for your approval: “{meeting}”',
  'finalised.subject': 'Finalised: “{meeting}”',
  'batch.subject': '{n, plural, one {# notification} other {# notifications}} from your meetings',
  'batch.intro': 'Here is what happened in your meetings.',
  'digest.subject': 'Your daily summary: {n, plural, one {# notification} other {# notifications}}',
  'digest.intro': 'Here is what happened in your meetings since the last summary.',
  'mention.item': '{actor} mentioned you in a comment:',
  'reply.item': '{actor} replied in a thread you take part in:',
  'reviewWindow.item': '{actor} opened the review window: the minutes are a final draft, and you can comment on them until the chair closes the review.',
  'approvalRequest.item': '{actor} marked “{slot}” ({language}) ready for review and your approval.',
  'finalised.item': '{actor} finalised the minutes (revision {revision}); the signed record is in the archive.',
  'finalised.package': 'Download the signed record',
  'item.more': '…and {n, plural, one {# more} other {# more}} in this meeting.',
  'meeting.open': 'Open the meeting',
  'untitled': '(untitled)',
  'footer.settings': 'You receive this e-mail because of your notification settings. Change them here:',
} as const;

export type MailKey = keyof typeof en;

const zhHant: Record<MailKey, string> = {
  'greeting': '{name} 您好：',
  'role.chair': '主席',
  'role.delegate': '代表',
  'role.reviewer': '審閱者',
  'role.observer': '觀察員',
  'invitation.subject': '{inviter} 邀請您參加「{meeting}」',
  'invitation.added': '{inviter} 已將 {email} 加入會議「{meeting}」，角色為{role}。',
  'invitation.howTo': '請以下方連結開啟會議，並以此電子郵件地址登入。若您在此伺服器上尚無帳號，請在登入頁選擇「建立帳號」並使用此地址，即可看到這場會議。',
  'invitation.open': '開啟會議',
  'invitation.unexpected': '若您並未預期收到此邀請，請忽略本信。',
  'mention.subject': '{actor} 在「{meeting}」中提到了您',
  'reply.subject': '{actor} 回覆了「{meeting}」中的討論串',
  'reviewWindow.subject': '審閱期已開放：「{meeting}」',
  'approvalRequest.subject': '待您核定：「{meeting}」',
  'finalised.subject': '已定稿：「{meeting}」',
  'batch.subject': '您的會議有 {n} 則通知',
  'batch.intro': '以下是您的會議動態。',
  'digest.subject': '每日摘要：{n} 則通知',
  'digest.intro': '以下是自上次摘要以來您的會議動態。',
  'mention.item': '{actor} 在留言中提到了您：',
  'reply.item': '{actor} 回覆了您參與的討論串：',
  'reviewWindow.item': '{actor} 已開放審閱期：紀錄已進入定稿前審閱，在主席結束審閱前您都可以提出意見。',
  'approvalRequest.item': '{actor} 已將「{slot}」（{language}）標示為待審閱，請您核定。',
  'finalised.item': '{actor} 已將紀錄定稿（第 {revision} 版），已簽署的紀錄已存入檔案庫。',
  'finalised.package': '下載已簽署的紀錄',
  'item.more': '……本會議另有 {n} 則。',
  'meeting.open': '開啟會議',
  'untitled': '（未命名）',
  'footer.settings': '您依通知設定收到此信，可於此變更：',
};

/** Exported for the catalogue test. */
export const MAIL_CATALOGUES: Record<UiLocale, Record<MailKey, string>> = { en, 'zh-Hant': zhHant };

export type MailTranslate = (key: MailKey, params?: Record<string, string | number>) => string;

const formatters = new Map<string, IntlMessageFormat>();

/** The translator for one language; formatters are parsed once and cached. */
export function mailTranslator(locale: UiLocale): MailTranslate {
  return (key, params = {}) => {
    const cacheKey = `${locale}\u0000${key}`;
    let formatter = formatters.get(cacheKey);
    if (!formatter) {
      formatter = new IntlMessageFormat(MAIL_CATALOGUES[locale][key], locale);
      formatters.set(cacheKey, formatter);
    }
    return String(formatter.format(params));
  };
}
