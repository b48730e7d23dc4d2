import type { IncomingMessage } from 'node:http';
import { isMeetingDocName, type DocName, type ReportDocName } from '../../../shared/src/protocol/docName.ts';
import { ReportAccess } from '../reports/reportAccess.ts';
import { ReportRepo } from '../reports/reportRepo.ts';
import { writableRootFields } from '../../../shared/src/schema/fields.ts';
import { ConnectParam } from '../../../shared/src/protocol/messageType.ts';
import { readSessionCookie } from '../auth/cookies.ts';
import type { Principal } from '../auth/principal.ts';
import { hashSecret } from '../auth/secrets.ts';
import type { Services } from '../services.ts';
import type { ConnectionAccess } from './access.ts';
import type { Authorize } from './upgrade.ts';

/**
 * WebSocket authorisation at the upgrade: a foreign Origin is refused (cross-site WebSocket
 * hijacking, Etherpad 3.3.21); then the credential (session cookie or `?token=`) must give a role
 * on the meeting that owns the document.
 */
export function createWsAuthorization(services: Services, isOwnOrigin: (request: IncomingMessage) => boolean): Authorize {
  return async (request, url, docName) => {
    if (request.headers['sec-fetch-site'] === 'cross-site' || (request.headers.origin !== undefined && !isOwnOrigin(request))) {
      return { ok: false, status: 403, message: 'cross-site WebSocket refused' };
    }
    const queryToken = url.searchParams.get(ConnectParam.token);
    const cookie = readSessionCookie(request);
    const principal = await services.auth.principalFor(request, queryToken);
    if (!principal) return { ok: false, status: 401, message: 'sign in required' };
    const credential: ConnectionAccess['credential'] =
      principal.via === 'session' && cookie
        ? { kind: 'session', secret: cookie, sessionHash: hashSecret(cookie) }
        : { kind: 'token', secret: bearerOrQuery(request, queryToken) ?? '', tokenId: principal.tokenId };
    return accessFor(services, principal, docName, credential);
  };
}

function bearerOrQuery(request: IncomingMessage, queryToken: string | null): string | null {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : queryToken;
}

async function accessFor(services: Services, principal: Principal, docName: DocName, credential: ConnectionAccess['credential']) {
  if (!isMeetingDocName(docName)) return reportAccessFor(services, principal, docName, credential);
  const decision = await services.access.docAccess(principal, docName);
  if (!decision.ok) return decision;
  const access: ConnectionAccess = {
    userId: principal.userId,
    userName: principal.name,
    meetingId: decision.meeting.id,
    role: decision.role,
    readOnly: decision.readOnly,
    readOnlyReason: decision.readOnlyReason,
    canWriteRoot: writableRootFields(decision.role, docName.kind),
    enforceOwnership: docName.kind === 'review' && decision.role !== 'chair' && decision.role !== 'admin',
    credential,
  };
  return { ok: true as const, access };
}

/**
 * A report's documents: authors and the owner write the text, reviewers only the review doc
 * (where, as in a meeting, they change only what they wrote; the owner everything).
 */
async function reportAccessFor(services: Services, principal: Principal, docName: ReportDocName, credential: ConnectionAccess['credential']) {
  const decision = await new ReportAccess(new ReportRepo(services.sql)).docAccess(principal, docName);
  if (!decision.ok) return decision;
  const access: ConnectionAccess = {
    userId: principal.userId,
    userName: principal.name,
    meetingId: null,
    reportId: decision.report.id,
    role: decision.role,
    readOnly: decision.readOnly,
    readOnlyReason: decision.readOnlyReason,
    enforceOwnership: docName.kind === 'reportReview' && decision.role !== 'owner' && decision.role !== 'admin',
    credential,
  };
  return { ok: true as const, access };
}

/** Re-resolves an open socket's access from its original credential (after an access change). */
export async function recheckAccess(services: Services, access: ConnectionAccess, docName: DocName) {
  const credential = access.credential;
  if (!credential) return { ok: true as const, access };
  const principal =
    credential.kind === 'session' ? await services.auth.principalForSession(credential.secret) : await services.auth.principalForToken(credential.secret);
  if (!principal) return { ok: false as const, status: 401 as const, message: 'credential no longer valid' };
  return accessFor(services, principal, docName, credential);
}
