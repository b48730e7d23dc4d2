import type { AuditLog } from './audit/auditLog.ts';
import type { AuthService } from './auth/authService.ts';
import type { AdminBootstrap } from './auth/bootstrap.ts';
import type { UserRepo } from './auth/userRepo.ts';
import type { Config } from './config.ts';
import type { AccessControl, AccessEvents } from './meetings/access.ts';
import type { InviteRepo } from './meetings/inviteRepo.ts';
import type { MeetingRepo } from './meetings/meetingRepo.ts';
import type { TemplateRepo } from './agenda/templateRepo.ts';
import type { RoomManager } from './rooms/roomManager.ts';
import type { VersionRepo } from './versions/versionRepo.ts';
import type { VersionService } from './versions/versionService.ts';
import type { ArchiveService } from './archive/archiveService.ts';
import type { FinalisationService } from './finalisation/finalisationService.ts';
import type { SigningKey } from './archive/signingKey.ts';
import type { Kysely } from 'kysely';
import type { ExportRenderer } from './export/exportRenderer.ts';
import type { WorkerPool } from './workers/workerPool.ts';
import type { Database } from './db/schema.ts';
import type { AttemptLimits } from './http/rateLimits.ts';
import type { MailService } from './mail/mailService.ts';
import type { ImageService } from './images/imageService.ts';

/** Everything the HTTP routes and the WebSocket layer need, built once by the composition root. */
export interface Services {
  config: Config;
  /** The SQL layer, for repositories that features create for themselves. */
  sql: Kysely<Database>;
  auth: AuthService;
  /** The first administrator (setup token, pristine loopback sign-up, create-admin). */
  bootstrap: AdminBootstrap;
  users: UserRepo;
  meetings: MeetingRepo;
  invites: InviteRepo;
  access: AccessControl;
  accessEvents: AccessEvents;
  audit: AuditLog;
  /** Log-in, sign-up and invite attempt limits (shared through Redis with REDIS_URL). */
  attemptLimits: AttemptLimits;
  templates: TemplateRepo;
  /** Open documents; HTTP routes read and change docs through rooms, never around them. */
  rooms: RoomManager;
  versions: VersionRepo;
  versionService: VersionService;
  archive: ArchiveService;
  /** Finalise, reopen and the review window: the meeting's status workflows (issue 13). */
  finalisation: FinalisationService;
  /** The archive-signing key (loaded or created on first use). */
  signingKey: () => Promise<SigningKey>;
  /** Worker threads for heavy work (import parsing, export rendering), off the event loop. */
  workers: WorkerPool;
  /** Export files (PDF, DOCX, HTML rendered through `workers`). */
  exports: ExportRenderer;
  /** E-mail: notifications, invitations and settings (does nothing without SMTP_URL). */
  mail: MailService;
  /** Images of meetings and reports: upload checks, stripping, and bytes for exports and archives. */
  images: ImageService;
}
