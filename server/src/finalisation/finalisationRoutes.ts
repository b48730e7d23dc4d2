import { Router, type Request } from 'express';
import { waiverBody } from '../../../shared/src/api/finalisation.ts';
import { computeBlockers, type Blocker } from '../../../shared/src/model/blockers.ts';
import { HttpError, badRequest, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { MeetingRecord } from '../meetings/meetingRepo.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { WaiverRepo, type Waiver } from './waiverRepo.ts';

export type BlockerWithWaiver = Blocker & { waiver: Waiver | null };

/**
 * What blocks finalising this meeting now: computed from the live minutes and review docs (through
 * their rooms, so it sees every acknowledged edit), each with the chair's waiver if there is one.
 */
export async function currentBlockers(services: Services, meeting: MeetingRecord): Promise<{ blockers: BlockerWithWaiver[]; waivers: Waiver[] }> {
  const blockers = await services.rooms.withRoom(meeting.docName, (minutes) => services.rooms.withRoom(meeting.reviewDocName, (review) => computeBlockers(minutes.doc, review.doc)));
  const waivers = await new WaiverRepo(services.sql).forMeeting(meeting.id);
  const byBlocker = new Map(waivers.map((w) => [w.blockerId, w]));
  return { blockers: blockers.map((b) => ({ ...b, waiver: byBlocker.get(b.id) ?? null })), waivers };
}

/** The error `finalise` answers with while unwaived blockers remain. */
export class BlockedError extends HttpError {
  constructor(readonly blockers: BlockerWithWaiver[]) {
    super(409, 'blocked', `${blockers.length} blocker(s) must be resolved or waived before finalising`);
  }
}

/** Throws BlockedError when anything unwaived stands in the way of finalising. */
export async function assertFinalisable(services: Services, meeting: MeetingRecord): Promise<BlockerWithWaiver[]> {
  const { blockers } = await currentBlockers(services, meeting);
  const open = blockers.filter((b) => !b.waiver);
  if (open.length > 0) throw new BlockedError(open);
  return blockers;
}

/** Blockers and waivers (issue 6): `GET .../blockers`, `POST .../waivers`. */
export function finalisationRoutes(services: Services): Router {
  const router = Router();
  const waivers = new WaiverRepo(services.sql);
  const meetingFor = (req: Request, capability: 'readMinutes' | 'finalise') => requireMeeting(services, req, capability);

  router.get('/meetings/:meetingId/blockers', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'readMinutes');
    const current = await currentBlockers(services, meeting);
    const open = current.blockers.filter((b) => !b.waiver).length;
    res.json({ status: meeting.status, blockers: current.blockers, waivers: current.waivers, unwaived: open, canFinalise: open === 0 && meeting.status !== 'finalised' });
  }));

  router.post('/meetings/:meetingId/waivers', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(waiverBody, req);
    if (meeting.status === 'finalised') throw new HttpError(409, 'finalised', 'the meeting is finalised; reopen it first');
    const { blockers } = await currentBlockers(services, meeting);
    const blocker = blockers.find((b) => b.id === body.blockerId);
    if (!blocker) throw badRequest('nothing currently blocks finalisation under this id');
    if (blocker.waiver) throw new HttpError(409, 'already_waived', 'this blocker is already waived');
    const principal = requirePrincipal(req);
    const waiver = await waivers.add(meeting.id, blocker.id, body.reason, { id: principal.userId, name: principal.name });
    if (!waiver) throw new HttpError(409, 'already_waived', 'this blocker is already waived');
    await services.audit.record({ actorId: principal.userId, meetingId: meeting.id, action: 'meeting.waive', details: { blockerId: blocker.id, kind: blocker.kind, reason: body.reason } });
    res.status(201).json(waiver);
  }));

  return router;
}
