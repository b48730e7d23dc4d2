import type { Localized, NewSlot, SlotKind } from '../../../shared/src/model/agendaDoc.ts';

export interface TemplateDefinition {
  id: string;
  name: Localized;
  description: Localized;
  slots: NewSlot[];
}

const s = (day: number, start: string, end: string, kind: SlotKind, zh: string, en: string): NewSlot => ({
  day,
  start,
  end,
  kind,
  title: { 'zh-Hant': zh, en },
  speakers: [],
  scribes: [],
});

/**
 * Built-in agenda templates, written into the database at start-up (and listed with the chairs'
 * own). They are instantiated on the server into a new meeting's Y.Doc, never by a client.
 */
export const BUILTIN_TEMPLATES: TemplateDefinition[] = [
  {
    id: 'apec-workshop',
    name: { 'zh-Hant': 'APEC 工作坊（兩天）', en: 'APEC-style workshop (two days)' },
    description: {
      'zh-Hant': '開幕、專題、茶敘、午餐與閉幕，兩天議程',
      en: 'Opening with group photo, themed sessions, coffee breaks, lunch and closing over two days',
    },
    slots: [
      s(0, '09:00', '09:10', 'opening', '開幕式', 'Opening Session'),
      s(0, '09:10', '09:20', 'photo', '大合照', 'Group Photo'),
      s(0, '09:20', '10:30', 'session', '專題一', 'Item 1'),
      s(0, '10:30', '10:45', 'break', '茶敘', 'Coffee Break'),
      s(0, '10:45', '12:00', 'session', '專題二', 'Item 2'),
      s(0, '12:00', '13:30', 'break', '午餐', 'Lunch'),
      s(0, '13:30', '15:00', 'session', '專題三', 'Item 3'),
      s(1, '09:00', '10:30', 'session', '專題四', 'Item 4'),
      s(1, '10:30', '10:45', 'break', '茶敘', 'Coffee Break'),
      s(1, '10:45', '11:45', 'session', '綜合討論', 'Panel Discussion'),
      s(1, '11:45', '12:00', 'closing', '閉幕式', 'Closing Session'),
    ],
  },
  {
    id: 'working-group-plenary',
    name: { 'zh-Hant': '工作小組全體會議', en: 'Working-group plenary' },
    description: {
      'zh-Hant': '開幕、通過議程、報告、茶敘、成員報告、其他事項、閉幕',
      en: 'Opening, adoption of the agenda, reports, coffee break, member reports, any other business, closing',
    },
    slots: [
      s(0, '09:00', '09:15', 'opening', '開幕致詞', 'Opening Remarks'),
      s(0, '09:15', '09:25', 'session', '通過議程', 'Adoption of the Agenda'),
      s(0, '09:25', '10:30', 'session', '秘書處及主席報告', 'Reports of the Chair and the Secretariat'),
      s(0, '10:30', '10:45', 'break', '茶敘', 'Coffee Break'),
      s(0, '10:45', '12:00', 'session', '成員經濟體報告', 'Member Economy Reports'),
      s(0, '12:00', '12:20', 'session', '其他事項', 'Any Other Business'),
      s(0, '12:20', '12:30', 'closing', '閉幕', 'Closing'),
    ],
  },
  {
    id: 'committee-meeting',
    name: { 'zh-Hant': '一般委員會會議', en: 'Committee meeting' },
    description: {
      'zh-Hant': '宣布開會、確認上次會議紀錄、討論事項、臨時動議、散會',
      en: 'Call to order, approval of the previous minutes, matters arising, new business, any other business, adjournment',
    },
    slots: [
      s(0, '14:00', '14:05', 'opening', '宣布開會', 'Call to Order'),
      s(0, '14:05', '14:15', 'session', '確認上次會議紀錄', 'Approval of the Previous Minutes'),
      s(0, '14:15', '14:45', 'session', '上次會議決議事項執行情形', 'Matters Arising'),
      s(0, '14:45', '15:45', 'session', '討論事項', 'New Business'),
      s(0, '15:45', '15:55', 'session', '臨時動議', 'Any Other Business'),
      s(0, '15:55', '16:00', 'closing', '散會', 'Adjournment'),
    ],
  },
];
