import { randomBytes } from 'node:crypto';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { SqlDialectName } from './database.ts';

/**
 * Migrations, written once for both engines. The only dialect differences are spelled out here:
 * auto-increment keys and the binary column type.
 */
function migrations(dialect: SqlDialectName): Record<string, Migration> {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001_documents': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('doc_updates')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('doc_name', 'text', (c) => c.notNull())
          .addColumn('data', binary, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('doc_updates_doc_id').on('doc_updates').columns(['doc_name', 'id']).execute();
        await db.schema
          .createTable('doc_snapshots')
          .addColumn('doc_name', 'text', (c) => c.primaryKey())
          .addColumn('data', binary, (c) => c.notNull())
          .addColumn('upto_id', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0002_accounts_and_meetings': {
      async up(db: Kysely<any>) {
        const now = (c: any) => c.notNull();
        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // Canonical form (NFC, lower case): one address can never be registered twice in two spellings.
          .addColumn('email', 'text', (c) => c.unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text')
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          // Guests accepted through an invite link are limited to this one meeting.
          .addColumn('guest_meeting_id', 'text')
          .addColumn('created_at', 'bigint', now)
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('id_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', now)
          .addColumn('expires_at', 'bigint', now)
          .execute();
        await db.schema
          .createTable('api_tokens')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('token_hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_at', 'bigint', now)
          .addColumn('expires_at', 'bigint')
          .addColumn('revoked_at', 'bigint')
          .addColumn('last_used_at', 'bigint')
          .execute();
        await db.schema
          .createTable('meetings')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title_json', 'text', (c) => c.notNull())
          .addColumn('languages_json', 'text', (c) => c.notNull())
          .addColumn('timezone', 'text', (c) => c.notNull())
          .addColumn('date', 'text')
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', now)
          .addColumn('updated_at', 'bigint', now)
          .execute();
        await db.schema
          .createTable('memberships')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', now)
          .addPrimaryKeyConstraint('memberships_pk', ['meeting_id', 'user_id'])
          .execute();
        // A member added by email before they have an account; applied when that email signs up.
        await db.schema
          .createTable('pending_members')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', now)
          .addPrimaryKeyConstraint('pending_members_pk', ['meeting_id', 'email'])
          .execute();
        await db.schema
          .createTable('invites')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('code_hash', 'text', (c) => c.notNull().unique())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', now)
          .addColumn('expires_at', 'bigint', now)
          .addColumn('revoked_at', 'bigint')
          .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('max_uses', 'integer', (c) => c.notNull().defaultTo(1))
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', dialect === 'postgres' ? 'bigserial' : 'integer', (c) =>
            dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('at', 'bigint', now)
          .addColumn('actor_id', 'text')
          .addColumn('meeting_id', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('details_json', 'text', (c) => c.notNull().defaultTo('{}'))
          .execute();
        await db.schema.createIndex('audit_log_meeting').on('audit_log').columns(['meeting_id', 'id']).execute();
        await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();
      },
    },
    '0003_templates': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('templates')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name_json', 'text', (c) => c.notNull())
          .addColumn('description_json', 'text', (c) => c.notNull())
          .addColumn('slots_json', 'text', (c) => c.notNull())
          .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    '0004_glossary': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('meetings').addColumn('series', 'text', (c) => c.notNull().defaultTo('')).execute();
        await db.schema
          .createTable('glossary_terms')
          .addColumn('id', 'text', (c) => c.primaryKey())
          // The meeting series ("ACTWG") or, for a meeting without one, "meeting:<id>".
          .addColumn('series_key', 'text', (c) => c.notNull())
          .addColumn('terms_json', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('updated_by', 'text')
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('glossary_terms_series').on('glossary_terms').column('series_key').execute();
      },
    },
    '0005_authors_and_versions': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('doc_authors')
          .addColumn('doc_name', 'text', (c) => c.notNull())
          .addColumn('client_id', 'bigint', (c) => c.notNull())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('doc_authors_pk', ['doc_name', 'client_id'])
          .execute();
        await db.schema
          .createTable('versions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('label', 'text', (c) => c.notNull())
          // named (by a person), auto (after a burst of editing), final (at finalisation), restore
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('minutes_state', binary, (c) => c.notNull())
          .addColumn('review_state', binary, (c) => c.notNull())
          .execute();
        await db.schema.createIndex('versions_meeting').on('versions').columns(['meeting_id', 'created_at']).execute();
      },
    },
    '0006_meeting_visits': {
      async up(db: Kysely<any>) {
        // When each member last had the meeting open: "new since your last visit" on any device.
        await db.schema
          .createTable('meeting_visits')
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('seen_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('meeting_visits_pk', ['meeting_id', 'user_id'])
          .execute();
      },
    },
    '0007_archive': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('signing_keys')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('public_pem', 'text', (c) => c.notNull())
          .addColumn('private_pem', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        // Immutable once written: no route updates or deletes a row; a reopen makes a new revision.
        await db.schema
          .createTable('archives')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('restrict'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('version_id', 'text', (c) => c.notNull())
          .addColumn('title_json', 'text', (c) => c.notNull())
          .addColumn('series', 'text', (c) => c.notNull())
          .addColumn('meeting_date', 'text')
          .addColumn('languages_json', 'text', (c) => c.notNull())
          .addColumn('manifest_sha256', 'text', (c) => c.notNull())
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('package', binary, (c) => c.notNull())
          .addColumn('search_text', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('archives_meeting_revision', ['meeting_id', 'revision'])
          .execute();
      },
    },
    // Archive search by character trigrams, which work for Chinese (no spaces between words) as
    // well as for English: see server/src/archive/archiveSearch.ts.
    '0009_archive_search': {
      async up(db: Kysely<any>) {
        if (dialect === 'postgres') {
          await db.schema
            .createTable('archive_passages')
            .addColumn('archive_id', 'text', (c) => c.notNull().references('archives.id').onDelete('restrict'))
            .addColumn('meeting_id', 'text', (c) => c.notNull())
            .addColumn('slot_id', 'text', (c) => c.notNull())
            .addColumn('lang', 'text', (c) => c.notNull())
            .addColumn('text', 'text', (c) => c.notNull())
            .execute();
          await sql`create extension if not exists pg_trgm`.execute(db);
          await sql`create index archive_passages_trgm on archive_passages using gin (text gin_trgm_ops)`.execute(db);
        } else {
          await sql`create virtual table archive_passages using fts5(text, archive_id unindexed, meeting_id unindexed, slot_id unindexed, lang unindexed, tokenize = 'trigram')`.execute(db);
        }
        // Records archived before passages existed stay findable, as one passage without a slot.
        await sql`insert into archive_passages (archive_id, meeting_id, slot_id, lang, text) select id, meeting_id, '', '', search_text from archives`.execute(db);
      },
    },
    '0008_user_locale': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('users').addColumn('ui_locale', 'text').execute();
      },
    },
    // The chair waives a finalisation blocker with a reason (issue 6); one waiver per blocker id.
    '0010_blocker_waivers': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('blocker_waivers')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('blocker_id', 'text', (c) => c.notNull())
          .addColumn('reason', 'text', (c) => c.notNull())
          .addColumn('waived_by', 'text', (c) => c.notNull())
          .addColumn('waived_by_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('blocker_waivers_meeting_blocker', ['meeting_id', 'blocker_id'])
          .execute();
      },
    },
    // A guest account remembers the invite link it came through: revoking the link ends its access.
    '0011_guest_invites': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('users').addColumn('invite_id', 'text').execute();
      },
    },
    // The first administrator is claimed once: one row, primary key fixed at 1 (auth/bootstrap.ts).
    // Setup tokens printed at start while no administrator exists, stored hashed.
    '0012_admin_bootstrap': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('admin_bootstrap')
          .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('via', 'text', (c) => c.notNull())
          .addColumn('claimed_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('setup_tokens')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        // A server that already has an administrator is set up.
        const admin = await db.selectFrom('users').select('id').where('is_admin', '=', 1).orderBy('created_at').limit(1).executeTakeFirst();
        if (admin) await db.insertInto('admin_bootstrap').values({ id: 1, user_id: admin.id, via: 'existing', claimed_at: Date.now() }).execute();
      },
    },
    // Meeting series as objects that own a glossary (issue 13): a meeting joins a series only
    // through someone who manages it, instead of by typing its name. Existing meetings with the
    // same series name (case-insensitively) form one series; their glossary moves with them.
    '0013_glossary_series': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('series')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull().unique())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.alterTable('meetings').addColumn('series_id', 'text').execute();
        await db.schema.createIndex('meetings_series').on('meetings').column('series_id').execute();
        const meetings = await db.selectFrom('meetings').select(['id', 'series', 'created_at']).where('series', '!=', '').orderBy('created_at').execute();
        const byKey = new Map<string, { id: string; name: string; oldKey: string; meetingIds: string[] }>();
        for (const meeting of meetings as Array<{ id: string; series: string }>) {
          const key = meeting.series.normalize('NFC').trim().toLowerCase();
          if (!key) continue;
          const series = byKey.get(key) ?? { id: randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0'), name: meeting.series.trim(), oldKey: `series:${meeting.series.toLowerCase()}`, meetingIds: [] };
          series.meetingIds.push(meeting.id);
          byKey.set(key, series);
        }
        for (const [key, series] of byKey) {
          await db.insertInto('series').values({ id: series.id, name: series.name, name_key: key, created_by: null, created_at: Date.now() }).execute();
          await db.updateTable('meetings').set({ series_id: series.id }).where('id', 'in', series.meetingIds).execute();
          await db.updateTable('glossary_terms').set({ series_key: `series:${series.id}` }).where('series_key', '=', series.oldKey).execute();
        }
      },
    },
    // Set while a finalisation is under way (its claim time), so that a reopen cannot cut in between
    // the claim and the archive (issue 13); null otherwise.
    '0014_finalising_claim': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('meetings').addColumn('finalising_at', 'bigint').execute();
      },
    },
    // E-mail (issue 14): each person's notification settings; notifications waiting to be sent
    // (batched or for the daily digest); the outbox of rendered e-mails, retried until the mail
    // server takes them; and the stored due time of the daily digest, claimed by one process.
    '0015_mail': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('notification_settings')
          .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
          .addColumn('settings_json', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('mail_notifications')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('payload_json', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          // When to send it (with whatever else is due for the same person); null: the daily digest.
          .addColumn('due_at', 'bigint')
          .execute();
        await db.schema.createIndex('mail_notifications_due').on('mail_notifications').columns(['due_at']).execute();
        await db.schema
          .createTable('mail_outbox')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('to_address', 'text', (c) => c.notNull())
          .addColumn('locale', 'text', (c) => c.notNull())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('subject', 'text', (c) => c.notNull())
          .addColumn('text_body', 'text', (c) => c.notNull())
          .addColumn('html_body', 'text', (c) => c.notNull())
          // Invitations to one address for one meeting are not repeated within an hour.
          .addColumn('dedupe_key', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
          // A process sending it holds it until then; after a crash another one takes it over.
          .addColumn('claimed_until', 'bigint')
          .addColumn('sent_at', 'bigint')
          .addColumn('failed_at', 'bigint')
          .addColumn('last_error', 'text')
          .execute();
        await db.schema.createIndex('mail_outbox_next').on('mail_outbox').columns(['sent_at', 'failed_at', 'next_attempt_at']).execute();
        await db.schema.createIndex('mail_outbox_dedupe').on('mail_outbox').columns(['dedupe_key', 'created_at']).execute();
        await db.schema
          .createTable('mail_schedule')
          .addColumn('name', 'text', (c) => c.primaryKey())
          .addColumn('due_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },
    // Delegation reports (issue 15): the report's settings and cover, its ordered meetings, its
    // members, and the edited summaries of agenda items with the digest of the source they were
    // edited against ("source changed since"). The co-edited text is the `report.<id>` document.
    '0016_reports': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('reports')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('title_json', 'text', (c) => c.notNull())
          .addColumn('language', 'text', (c) => c.notNull())
          .addColumn('timezone', 'text', (c) => c.notNull())
          .addColumn('cover_json', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('report_meetings')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
          .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
          .addColumn('position', 'integer', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_meetings_pk', ['report_id', 'meeting_id'])
          .execute();
        await db.schema
          .createTable('report_members')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_members_pk', ['report_id', 'user_id'])
          .execute();
        await db.schema.createIndex('report_members_user').on('report_members').columns(['user_id']).execute();
        await db.schema
          .createTable('report_edited_summaries')
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('cascade'))
          .addColumn('meeting_id', 'text', (c) => c.notNull())
          .addColumn('slot_id', 'text', (c) => c.notNull())
          // sha256 (hex) of the slot's minutes when the summary was edited against them.
          .addColumn('source_digest', 'text', (c) => c.notNull())
          .addColumn('edited_at', 'bigint', (c) => c.notNull())
          .addColumn('edited_by', 'text')
          .addPrimaryKeyConstraint('report_edited_summaries_pk', ['report_id', 'meeting_id', 'slot_id'])
          .execute();
      },
    },
    // Images stored by the server (issue 15): report photos and images inside minutes, beside the
    // documents they belong to, so a backup or a copy to PostgreSQL carries them along. `scope` is
    // `meeting:<id>` or `report:<id>`: who may read the image is who may read that document.
    '0017_images': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('images')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('type', 'text', (c) => c.notNull())
          .addColumn('width', 'integer', (c) => c.notNull())
          .addColumn('height', 'integer', (c) => c.notNull())
          .addColumn('bytes', 'integer', (c) => c.notNull())
          .addColumn('data', binary, (c) => c.notNull())
          // Hex SHA-256 of the stored (stripped) bytes: the ETag, and the same picture uploaded twice is stored once.
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('created_by', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('images_scope').on('images').columns(['scope', 'sha256']).execute();
      },
    },
    // Finalising a report (issue 15): the claim's time, as for meetings (StatusTransitions), and
    // the report's archive records, immutable once written like meetings' (a reopen and a new
    // finalisation make a new revision). A table of their own: a meeting record's columns
    // (meeting, series, search passages) do not fit a report.
    '0018_report_archives': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('reports').addColumn('finalising_at', 'bigint').execute();
        await db.schema
          .createTable('report_archives')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id').onDelete('restrict'))
          .addColumn('revision', 'integer', (c) => c.notNull())
          .addColumn('title_json', 'text', (c) => c.notNull())
          // The meetings and states the report was built from (the package's sources.json).
          .addColumn('sources_json', 'text', (c) => c.notNull())
          .addColumn('manifest_sha256', 'text', (c) => c.notNull())
          .addColumn('key_id', 'text', (c) => c.notNull())
          .addColumn('package', binary, (c) => c.notNull())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addUniqueConstraint('report_archives_report_revision', ['report_id', 'revision'])
          .execute();
      },
    },
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: SqlDialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, dialect: SqlDialectName, schema?: string): Promise<void> {
  // Kysely looks for its bookkeeping tables by schema name, not through search_path.
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
