/**
 * Interface strings for working offline (client/src/offline): the banner shown while the browser
 * has no network, and the error for a page this device kept no copy of (the service worker's
 * `offline` code). Merged with the other catalogues in `i18n.tsx`; a key lives in exactly one file.
 */
export const enOffline = {
  'offline.title': 'You are offline.',
  'offline.explain':
    'Meetings opened on this device before are shown from the copy kept here, and you can keep writing: your edits stay on this device and are sent as soon as the connection returns. Other people’s changes arrive then too.',
  'offline.meeting': 'This meeting is shown from the copy on this device, as it was when you were last connected.',
  'offline.kept': 'On this device',
  'offline.notKept': 'Opens when connected',
  'error.offline': 'You are offline, and this device has no copy of this page (it was not opened here while connected). It opens once the connection returns.',
} as const;

export type OfflineMessageKey = keyof typeof enOffline;

export const zhHantOffline: Record<OfflineMessageKey, string> = {
  'offline.title': '您目前離線。',
  'offline.explain': '先前在此裝置開啟過的會議，會以此裝置保存的副本顯示，您也可以繼續撰寫：編輯內容會保存在此裝置，連線恢復後立即送出，屆時也會收到其他人的修改。',
  'offline.meeting': '此會議以此裝置保存的副本顯示，內容為您上次連線時的狀態。',
  'offline.kept': '已存於此裝置',
  'offline.notKept': '連線後才能開啟',
  'error.offline': '您目前離線，而此裝置沒有這個頁面的副本（連線時未曾在此開啟）。連線恢復後即可開啟。',
};
