import type { Request } from 'express';
import { can, type Capability, type EffectiveRole } from '../../../shared/src/model/roles.ts';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { requirePrincipal } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import type { MeetingRecord } from './meetingRepo.ts';

/**
 * Loads `:meetingId` and checks the caller's capability on it: the one access check every
 * meeting route uses. Unknown ids and ids outside the id grammar are 404; no role is 403.
 */
export async function requireMeeting(services: Services, req: Request, capability: Capability): Promise<{ meeting: MeetingRecord; role: EffectiveRole }> {
  const principal = requirePrincipal(req);
  const id = String(req.params.meetingId);
  const meeting = isMeetingId(id) ? await services.meetings.get(id) : null;
  if (!meeting) throw notFound('no such meeting');
  const role = await services.access.roleIn(principal, meeting);
  if (!role) throw forbidden('no role in this meeting');
  if (!can(role, capability)) throw forbidden(`your role (${role}) may not do this`);
  return { meeting, role };
}
