import type { AgendaSlot, AgendaWarning } from '../model/agendaDoc.ts';
import type { Blocker } from '../model/blockers.ts';
import type { GlossaryTerm } from '../model/glossary.ts';
import type { MeetingMeta, SlotProgress } from '../model/meetingDoc.ts';
import type { MinutesItem } from '../model/minutesText.ts';
import type { EffectiveRole, MeetingStatus, Role } from '../model/roles.ts';
import type { DiffOp } from '../model/textDiff.ts';

/**
 * Bodies of the API's JSON answers, as the client reads them: the server's routes check theirs
 * against these with `satisfies`, so a change on one side is a type error on the other. See
 * docs/api.md for each route.
 */

/** A meeting as `GET /api/meetings` lists it. */
export interface MeetingSummary {
  id: string;
  title: Record<string, string>;
  languages: string[];
  timezone: string;
  date: string | null;
  status: MeetingStatus;
  /** Series label such as "ACTWG", as the chair writes it in the document. */
  series: string;
  /** The series object whose glossary the meeting uses (null: its own). */
  seriesId: string | null;
  docName: string;
  reviewDocName: string;
  role: EffectiveRole;
}

export interface MeetingsResponse {
  meetings: MeetingSummary[];
}

/** `GET /api/meetings/:id`: the meeting, the caller's role, and its frame as the live doc has it. */
export interface MeetingResponse extends MeetingSummary {
  meta: MeetingMeta;
  agenda: Array<AgendaSlot & { progress: SlotProgress }>;
  warnings: AgendaWarning[];
}

export interface VisitResponse {
  /** Epoch milliseconds of the caller's previous visit; 0 for never. */
  lastVisit: number;
}

export interface MemberView {
  userId: string;
  name: string;
  email: string | null;
  role: Role;
  guest: boolean;
}

export interface MembersResponse {
  members: MemberView[];
  /** Added by e-mail, without an account yet (listed to those who manage members). */
  pending: Array<{ email: string; role: string }>;
  /** Whether the server sends e-mail (invitations by e-mail). */
  mailConfigured: boolean;
}

export interface InviteView {
  id: string;
  role: Role;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  uses: number;
  maxUses: number;
}

export interface InvitesResponse {
  invites: InviteView[];
}

export interface GlossaryResponse {
  series: string;
  seriesId: string | null;
  terms: GlossaryTerm[];
}

/** `GET /api/meetings/:id/contributors`: authorship by Yjs client id. */
export interface ContributorsResponse {
  /** slotId -> lang -> who inserted live text there. */
  contributors: Record<string, Record<string, Array<{ userId: string; name: string }>>>;
  /** Yjs client id -> the user it is bound to. */
  clients: Record<string, { userId: string; name: string }>;
}

export type VersionKind = 'named' | 'auto' | 'final' | 'restore';

export interface VersionView {
  id: string;
  label: string;
  kind: VersionKind;
  createdAt: number;
  /** Who saved it (null: the server, e.g. an automatic version before finalising). */
  createdByName: string | null;
}

export interface VersionsResponse {
  versions: VersionView[];
}

export interface SlotDiffView {
  slotId: string;
  title: Record<string, string>;
  lang: string;
  /** null: the texts differ too much to show. */
  ops: DiffOp[] | null;
  authors: Array<{ id: string; name: string }>;
}

export interface VersionDiffResponse {
  from: string;
  to: string;
  diffs: SlotDiffView[];
}

/** A node of a version's minutes (ProseMirror JSON). */
export interface MinutesNode {
  type: string;
  text?: string;
  content?: MinutesNode[];
}

/** `GET /api/meetings/:id/versions/:versionId`: a version's agenda and minutes, read-only. */
export interface VersionContentResponse extends VersionView {
  meta: { languages: string[]; days: string[] };
  /** `day`: index into meta.days. */
  slots: Array<{ id: string; day: number; start: string; end: string; title: Record<string, string>; minutes: Record<string, MinutesNode> }>;
  items: MinutesItem[];
}

export interface WaiverView {
  id: string;
  blockerId: string;
  reason: string;
  byName: string;
  at: number;
}

export interface BlockersResponse {
  status: MeetingStatus;
  blockers: Array<Blocker & { waiver: WaiverView | null }>;
  waivers: WaiverView[];
  unwaived: number;
  canFinalise: boolean;
}

export interface ArchiveRecordView {
  id: string;
  meetingId: string;
  revision: number;
  title: Record<string, string>;
  series: string;
  meetingDate: string | null;
  languages: string[];
  manifestSha256: string;
  createdAt: number;
}

export interface ArchiveSearchResponse {
  records: Array<ArchiveRecordView & { matches: Array<{ slotId: string; lang: string; slotTitle: string; snippet: string }> }>;
}

export interface ArchiveVerification {
  ok: boolean;
  problems: string[];
  files: Array<{ name: string; sha256: string; ok: boolean }>;
  manifestSha256: string | null;
  recordedManifestSha256: string;
  /** Of the key the server checked the signature with: the figure to compare with the published one. */
  keyFingerprint: string | null;
}

export interface AuditEntryView {
  id: number;
  at: number;
  actorName: string | null;
  action: string;
  /** Reasons, roles, formats… as the action recorded them (JSON). */
  details: unknown;
}

export interface AuditResponse {
  entries: AuditEntryView[];
}

export interface TemplateSummary {
  id: string;
  name: Record<string, string>;
  slotCount: number;
  days: number;
}

export interface TemplatesResponse {
  templates: TemplateSummary[];
}
