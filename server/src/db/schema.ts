import type { Generated } from 'kysely';

/** Table types for Kysely. One schema for SQLite and PostgreSQL (see migrations.ts). */
export interface DocUpdatesTable {
  id: Generated<number>;
  doc_name: string;
  data: Uint8Array;
  created_at: number;
}

export interface DocSnapshotsTable {
  doc_name: string;
  data: Uint8Array;
  /** Highest doc_updates.id folded into this snapshot. */
  upto_id: number;
  updated_at: number;
}

export interface UsersTable {
  id: string;
  email: string | null;
  name: string;
  password_hash: string | null;
  is_admin: number;
  guest_meeting_id: string | null;
  created_at: number;
  /** Interface language chosen by the user ('en', 'zh-Hant'); null follows the browser. */
  ui_locale: string | null;
  /** For a guest: the invite link it came through (revoking the invite ends its access). */
  invite_id: string | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface MeetingsTable {
  id: string;
  title_json: string;
  languages_json: string;
  timezone: string;
  date: string | null;
  status: string;
  series: Generated<string>;
  /** The series object whose glossary this meeting uses; null: the meeting has its own. */
  series_id: Generated<string | null>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  /** When the finalisation now under way claimed the meeting; null when none is (statusTransitions.ts). */
  finalising_at: Generated<number | null>;
}

export interface MembershipsTable {
  meeting_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface PendingMembersTable {
  meeting_id: string;
  email: string;
  role: string;
  created_at: number;
}

export interface InvitesTable {
  id: string;
  code_hash: string;
  meeting_id: string;
  role: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  uses: Generated<number>;
  max_uses: Generated<number>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor_id: string | null;
  meeting_id: string | null;
  action: string;
  details_json: string;
}

export interface TemplatesTable {
  id: string;
  name_json: string;
  description_json: string;
  slots_json: string;
  builtin: number;
  created_by: string | null;
  created_at: number;
}

export interface GlossaryTermsTable {
  id: string;
  series_key: string;
  terms_json: string;
  note: string;
  updated_by: string | null;
  updated_at: number;
}

export interface DocAuthorsTable {
  doc_name: string;
  client_id: number;
  user_id: string;
  created_at: number;
}

export interface VersionsTable {
  id: string;
  meeting_id: string;
  label: string;
  kind: string;
  created_by: string | null;
  created_at: number;
  minutes_state: Uint8Array;
  review_state: Uint8Array;
}

export interface MeetingVisitsTable {
  meeting_id: string;
  user_id: string;
  seen_at: number;
}

export interface SigningKeysTable {
  id: string;
  public_pem: string;
  private_pem: string;
  created_at: number;
}

export interface ArchivesTable {
  id: string;
  meeting_id: string;
  revision: number;
  version_id: string;
  title_json: string;
  series: string;
  meeting_date: string | null;
  languages_json: string;
  manifest_sha256: string;
  key_id: string;
  package: Uint8Array;
  search_text: string;
  created_by: string;
  created_at: number;
}

/** One slot's text in one language of an archive record (FTS5 trigram table on SQLite). */
export interface ArchivePassagesTable {
  archive_id: string;
  meeting_id: string;
  /** '' for the meeting's title. */
  slot_id: string;
  lang: string;
  text: string;
}

/** A finalisation blocker the chair waived, with the reason (issue 6). */
export interface BlockerWaiversTable {
  id: string;
  meeting_id: string;
  blocker_id: string;
  reason: string;
  waived_by: string;
  waived_by_name: string;
  created_at: number;
}

/** The one claim of the first administrator (id is always 1): see auth/bootstrap.ts. */
export interface AdminBootstrapTable {
  id: number;
  user_id: string;
  /** 'setup-token', 'loopback', 'create-admin' or 'existing' (set up before this table). */
  via: string;
  claimed_at: number;
}

/** One-time setup tokens printed while no administrator exists (hashed). */
export interface SetupTokensTable {
  token_hash: string;
  created_at: number;
}

/** A meeting series (e.g. ACTWG): owns the glossary its meetings share. */
export interface SeriesTable {
  id: string;
  name: string;
  /** NFC, trimmed, lower case: one series per spelling. */
  name_key: string;
  created_by: string | null;
  created_at: number;
}

/** A person's e-mail notification settings (shared/src/api/notifications.ts); absent: the defaults. */
export interface NotificationSettingsTable {
  user_id: string;
  settings_json: string;
  updated_at: number;
}

/** A notification waiting to be e-mailed: batched with others for the same person, or for the digest. */
export interface MailNotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  meeting_id: string;
  payload_json: string;
  created_at: number;
  /** null: waits for the daily digest. */
  due_at: number | null;
}

/** A rendered e-mail, kept until the mail server took it (or it was given up). */
export interface MailOutboxTable {
  id: string;
  to_address: string;
  /** 'en', 'zh-Hant', or 'zh-Hant,en' for a message in both languages. */
  locale: string;
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  dedupe_key: string | null;
  created_at: number;
  attempts: Generated<number>;
  next_attempt_at: number;
  claimed_until: number | null;
  sent_at: number | null;
  failed_at: number | null;
  last_error: string | null;
}

/** Stored due times of recurring mail jobs (the daily digest), claimed by one process at a time. */
export interface MailScheduleTable {
  name: string;
  due_at: number;
}

export interface ReportsTable {
  id: string;
  title_json: string;
  /** 'zh-Hant' | 'en' | 'bilingual' */
  language: string;
  timezone: string;
  /** The cover fields an author fills in (shared/src/api/reports.ts reportCoverBody). */
  cover_json: string;
  status: Generated<string>;
  /** Set while a finalisation holds the report (see finalisation/statusTransitions.ts). */
  finalising_at: Generated<number | null>;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** A finalised report's signed archive package; never updated or deleted. */
export interface ReportArchivesTable {
  id: string;
  report_id: string;
  revision: number;
  title_json: string;
  sources_json: string;
  manifest_sha256: string;
  key_id: string;
  package: Uint8Array;
  created_by: string;
  created_at: number;
}

export interface ReportMeetingsTable {
  report_id: string;
  meeting_id: string;
  position: number;
}

export interface ReportMembersTable {
  report_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface ReportEditedSummariesTable {
  report_id: string;
  meeting_id: string;
  slot_id: string;
  source_digest: string;
  edited_at: number;
  edited_by: string | null;
}

export interface ImagesTable {
  id: string;
  /** `meeting:<id>` | `report:<id>` */
  scope: string;
  /** 'image/png' | 'image/jpeg' */
  type: string;
  width: number;
  height: number;
  bytes: number;
  data: Uint8Array;
  sha256: string;
  created_by: string | null;
  created_at: number;
}

export interface Database {
  images: ImagesTable;
  reports: ReportsTable;
  report_archives: ReportArchivesTable;
  report_meetings: ReportMeetingsTable;
  report_members: ReportMembersTable;
  report_edited_summaries: ReportEditedSummariesTable;
  notification_settings: NotificationSettingsTable;
  mail_notifications: MailNotificationsTable;
  mail_outbox: MailOutboxTable;
  mail_schedule: MailScheduleTable;
  series: SeriesTable;
  admin_bootstrap: AdminBootstrapTable;
  setup_tokens: SetupTokensTable;
  blocker_waivers: BlockerWaiversTable;
  signing_keys: SigningKeysTable;
  archives: ArchivesTable;
  archive_passages: ArchivePassagesTable;
  meeting_visits: MeetingVisitsTable;
  doc_authors: DocAuthorsTable;
  versions: VersionsTable;
  glossary_terms: GlossaryTermsTable;
  templates: TemplatesTable;
  doc_updates: DocUpdatesTable;
  doc_snapshots: DocSnapshotsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  meetings: MeetingsTable;
  memberships: MembershipsTable;
  pending_members: PendingMembersTable;
  invites: InvitesTable;
  audit_log: AuditLogTable;
}
