import path from 'node:path';
import { z } from 'zod';
import { IMAGE_LIMITS } from '../../shared/src/api/images.ts';

/**
 * Server configuration, parsed once from the environment at start-up (the only reader of
 * `process.env`). Invalid configuration stops the process with a readable message instead of
 * failing later in a request.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL schema for Quorum's tables (created if missing); default `public`. */
  DATABASE_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _').optional(),
  REDIS_URL: z.string().url().optional(),
  /** Prefix of every Redis channel, so deployments (or test runs) sharing a Redis stay apart. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : -').default('quorum:'),
  ADMIN_TOKEN: z.string().min(16).optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Largest WebSocket message accepted. The default (8 MiB) holds the full state of a 200-page
   * bilingual minutes document with a long editing history (tests/integration/messageLimit), and
   * no more: bigger frames are refused with close code 1009 before they are buffered.
   */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1_024).default(8 * 1024 * 1024),
  /** Messages per second per connection (token bucket; bursts up to twice this). */
  MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(200),
  /** Messages a connection may send while its room is still loading. */
  MAX_QUEUED_MESSAGES: z.coerce.number().int().min(1).default(256),
  /** Compact a document's update log into a snapshot after this many appended updates. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(10_000),
  /** SQLite `synchronous`: NORMAL survives a process crash (kill -9); FULL also a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** `true` lets anyone sign up; by default only the first account and invited e-mails may. */
  ALLOW_SIGNUP: z.enum(['true', 'false']).default('false'),
  /** Log-in, sign-up and invite attempts per minute per client address (shared by all processes with REDIS_URL). */
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Longest life of a guest's access (invite links), in days; it ends sooner when the guest is removed, the invite revoked or the meeting finalised. */
  GUEST_MAX_AGE_DAYS: z.coerce.number().min(0.001).max(3_650).default(30),
  /**
   * Express `trust proxy`: which proxy's X-Forwarded-For to believe (e.g. `loopback` or an
   * address). Unset: forwarded headers are ignored, so clients cannot spoof their address.
   */
  TRUST_PROXY: z.string().optional(),
  /** An automatic version is cut when a burst of editing has been idle this long... */
  AUTO_VERSION_IDLE_SECONDS: z.coerce.number().min(0.1).default(600),
  /** ...and had at least this many updates. */
  AUTO_VERSION_MIN_UPDATES: z.coerce.number().int().min(1).default(20),
  /** Open WebSocket connections per client address (429 beyond). Behind NAT many delegates share one. */
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(512),
  /** Open WebSocket connections per signed-in user (each tab opens two documents). */
  MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).default(64),
  /** Documents loaded in this process at once; a new one beyond is refused with 503. */
  MAX_OPEN_DOCUMENTS: z.coerce.number().int().min(1).default(5_000),
  /** Estimated memory of all open documents (MiB of encoded state) before new ones are refused. */
  MAX_ROOM_MEMORY_MB: z.coerce.number().min(0.01).default(1_024),
  /** Upgrades authorised and loading their document at once; more wait in line... */
  MAX_CONCURRENT_UPGRADES: z.coerce.number().int().min(1).default(32),
  /** ...and beyond this many waiting, new upgrades are refused with 503. */
  MAX_WAITING_UPGRADES: z.coerce.number().int().min(0).default(2_000),
  /** Bytes queued for a client that does not read; beyond, it is disconnected (default: 2 x MAX_MESSAGE_BYTES). */
  MAX_BUFFERED_BYTES: z.coerce.number().int().min(1_024).optional(),
  /**
   * Largest a document's state may grow (what a client downloads when it opens it). A change beyond
   * is refused with close code 4413 and not stored; deletions are always accepted. A document
   * already larger (stored before the limit) still opens for everyone; only its growth is refused.
   */
  MAX_DOCUMENT_BYTES: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
  /** Largest awareness (presence) state of one client; a bigger one closes the socket with 4413. */
  MAX_AWARENESS_STATE_BYTES: z.coerce.number().int().min(256).default(16 * 1024),
  /** All awareness states of one document together; beyond, new states are dropped (and logged). */
  MAX_ROOM_AWARENESS_BYTES: z.coerce.number().int().min(1_024).default(2 * 1024 * 1024),
  /** Bearer token for GET /metrics; unset, /metrics answers only direct local requests. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /**
   * Heavy work (parsing imports, rendering PDF/DOCX/HTML exports) runs in worker threads, never on
   * the event loop that serves the sockets: this many at once...
   */
  WORKER_THREADS: z.coerce.number().int().min(1).max(64).default(2),
  /** ...this many more waiting (beyond: 503 with Retry-After)... */
  WORKER_QUEUE: z.coerce.number().int().min(0).default(16),
  /** ...each with a heap of at most this many MiB and ended after this long. */
  WORKER_HEAP_MB: z.coerce.number().int().min(16).default(512),
  WORKER_TIMEOUT_SECONDS: z.coerce.number().min(0.05).default(120),
  /** Largest import file (DOCX, Markdown, HTML) accepted, in MiB. */
  IMPORT_MAX_MB: z.coerce.number().min(0.001).default(10),
  /** Largest total unzipped size of a DOCX, in MiB, read from the zip's directory before unzipping. */
  IMPORT_MAX_UNZIPPED_MB: z.coerce.number().min(0.001).default(32),
  /** Most paragraphs (and other text blocks) one import may add. */
  IMPORT_MAX_BLOCKS: z.coerce.number().int().min(1).default(10_000),
  /** Most characters of text one import may add. */
  IMPORT_MAX_CHARACTERS: z.coerce.number().int().min(1).default(1_000_000),
  /** Deepest nesting of lists, quotes and tables in an import. */
  IMPORT_MAX_NESTING: z.coerce.number().int().min(1).max(100).default(20),
  /** Largest pasted agenda, in KiB, and most slots it may have. */
  AGENDA_IMPORT_MAX_KB: z.coerce.number().min(1).default(256),
  AGENDA_MAX_SLOTS: z.coerce.number().int().min(1).default(500),
  /** Largest uploaded image in MiB, and how many images and MiB one meeting or report may hold (images/). */
  IMAGE_MAX_MB: z.coerce.number().min(0.001).default(IMAGE_LIMITS.maxBytes / 1024 / 1024),
  IMAGE_SCOPE_MAX_COUNT: z.coerce.number().int().min(1).default(IMAGE_LIMITS.scopeMaxCount),
  IMAGE_SCOPE_MAX_MB: z.coerce.number().min(0.001).default(IMAGE_LIMITS.scopeMaxBytes / 1024 / 1024),
  /** Outgoing mail server, e.g. `smtps://user:password@mail.example.org:465`; unset, no e-mail is sent. */
  SMTP_URL: z.string().url().refine((url) => /^smtps?:/.test(url), 'an smtp:// or smtps:// URL').optional(),
  /** The sender of every e-mail, e.g. `Quorum <quorum@example.org>`; required with SMTP_URL. */
  SMTP_FROM: z.string().min(3).max(300).optional(),
  /** Notifications to one person within this many seconds go out as one e-mail. */
  MAIL_BATCH_SECONDS: z.coerce.number().min(0).max(3_600).default(60),
  /** First retry of an e-mail the mail server did not take, in seconds (doubling, up to an hour). */
  MAIL_RETRY_SECONDS: z.coerce.number().min(0.01).max(3_600).default(30),
  /** Hour of the day (0-23) at which daily digests go out, in MAIL_DIGEST_TIMEZONE. */
  MAIL_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  MAIL_DIGEST_TIMEZONE: z.string().refine(knownTimeZone, 'unknown IANA time zone').default('UTC'),
}).refine((e) => !e.SMTP_URL || e.SMTP_FROM, { message: 'SMTP_FROM is required when SMTP_URL is set', path: ['SMTP_FROM'] });

function knownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseSchema: string | undefined;
  redisUrl: string | undefined;
  redisPrefix: string;
  adminToken: string | undefined;
  publicUrl: string | undefined;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  maxMessageBytes: number;
  maxMessagesPerSecond: number;
  maxQueuedMessages: number;
  compactAfterUpdates: number;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  allowSignup: boolean;
  loginAttemptsPerMinute: number;
  guestMaxAgeMs: number;
  trustProxy: string | undefined;
  autoVersionIdleMs: number;
  autoVersionMinUpdates: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerUser: number;
  maxOpenDocuments: number;
  maxRoomMemoryBytes: number;
  maxConcurrentUpgrades: number;
  maxWaitingUpgrades: number;
  maxBufferedBytes: number;
  maxDocumentBytes: number;
  maxAwarenessStateBytes: number;
  maxRoomAwarenessBytes: number;
  metricsToken: string | undefined;
  workers: { threads: number; queue: number; heapMb: number; timeoutMs: number };
  imports: { maxBytes: number; maxUnzippedBytes: number; maxBlocks: number; maxCharacters: number; maxNesting: number };
  agendaImport: { maxBytes: number; maxSlots: number };
  images: { maxBytes: number; maxSide: number; maxPixels: number; scopeMaxCount: number; scopeMaxBytes: number };
  /** Outgoing e-mail; null when SMTP_URL is unset (then nothing is sent and the UI says so). */
  mail: MailConfig | null;
  /** Directory of the built client (served statically); absent in API-only tests. */
  clientDir: string | undefined;
};

export interface MailConfig {
  smtpUrl: string;
  from: string;
  batchMs: number;
  retryBaseMs: number;
  digestHour: number;
  digestTimeZone: string;
}

export class ConfigError extends Error {}

/** Parses configuration from an environment-like record; throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    adminToken: e.ADMIN_TOKEN,
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    maxMessageBytes: e.MAX_MESSAGE_BYTES,
    maxMessagesPerSecond: e.MAX_MESSAGES_PER_SECOND,
    maxQueuedMessages: e.MAX_QUEUED_MESSAGES,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    allowSignup: e.ALLOW_SIGNUP === 'true',
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    guestMaxAgeMs: Math.round(e.GUEST_MAX_AGE_DAYS * 24 * 3600 * 1000),
    trustProxy: e.TRUST_PROXY,
    autoVersionIdleMs: e.AUTO_VERSION_IDLE_SECONDS * 1000,
    autoVersionMinUpdates: e.AUTO_VERSION_MIN_UPDATES,
    maxConnectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
    maxConnectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
    maxOpenDocuments: e.MAX_OPEN_DOCUMENTS,
    maxRoomMemoryBytes: Math.round(e.MAX_ROOM_MEMORY_MB * 1024 * 1024),
    maxConcurrentUpgrades: e.MAX_CONCURRENT_UPGRADES,
    maxWaitingUpgrades: e.MAX_WAITING_UPGRADES,
    // A full sync of the largest allowed document must fit, or big documents could never be opened.
    maxBufferedBytes: Math.max(e.MAX_BUFFERED_BYTES ?? 2 * e.MAX_MESSAGE_BYTES, e.MAX_MESSAGE_BYTES + 1_024),
    maxDocumentBytes: e.MAX_DOCUMENT_BYTES,
    maxAwarenessStateBytes: e.MAX_AWARENESS_STATE_BYTES,
    maxRoomAwarenessBytes: e.MAX_ROOM_AWARENESS_BYTES,
    metricsToken: e.METRICS_TOKEN,
    workers: { threads: e.WORKER_THREADS, queue: e.WORKER_QUEUE, heapMb: e.WORKER_HEAP_MB, timeoutMs: Math.round(e.WORKER_TIMEOUT_SECONDS * 1000) },
    imports: {
      maxBytes: Math.round(e.IMPORT_MAX_MB * 1024 * 1024),
      maxUnzippedBytes: Math.round(e.IMPORT_MAX_UNZIPPED_MB * 1024 * 1024),
      maxBlocks: e.IMPORT_MAX_BLOCKS,
      maxCharacters: e.IMPORT_MAX_CHARACTERS,
      maxNesting: e.IMPORT_MAX_NESTING,
    },
    agendaImport: { maxBytes: Math.round(e.AGENDA_IMPORT_MAX_KB * 1024), maxSlots: e.AGENDA_MAX_SLOTS },
    images: {
      maxBytes: Math.round(e.IMAGE_MAX_MB * 1024 * 1024),
      maxSide: IMAGE_LIMITS.maxSide,
      maxPixels: IMAGE_LIMITS.maxPixels,
      scopeMaxCount: e.IMAGE_SCOPE_MAX_COUNT,
      scopeMaxBytes: Math.round(e.IMAGE_SCOPE_MAX_MB * 1024 * 1024),
    },
    mail: e.SMTP_URL && e.SMTP_FROM
      ? { smtpUrl: e.SMTP_URL, from: e.SMTP_FROM, batchMs: e.MAIL_BATCH_SECONDS * 1000, retryBaseMs: e.MAIL_RETRY_SECONDS * 1000, digestHour: e.MAIL_DIGEST_HOUR, digestTimeZone: e.MAIL_DIGEST_TIMEZONE }
      : null,
    clientDir: path.resolve('dist/client'),
  };
}

/** Reads the process environment. Only the entry point calls this. */
export function configFromProcessEnv(): Config {
  return parseConfig(process.env);
}
