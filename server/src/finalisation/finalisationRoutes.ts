import { Router, type Request } from 'express';
import { waiverBody } from '../../../shared/src/api/finalisation.ts';
import { reopenBody, reviewWindowBody } from '../../../shared/src/api/meetings.ts';
import { parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { BlockedError, currentBlockers } from './blockers.ts';
import { waiveBlockers } from './waiveBlockers.ts';
import type { BlockersResponse } from '../../../shared/src/api/responses.ts';

/**
 * Blockers and waivers (issue 6), finalise, reopen and the review window. Thin: the workflows are
 * FinalisationService's; these translate HTTP.
 */
export function finalisationRoutes(services: Services): Router {
  const router = Router();
  const meetingFor = (req: Request, capability: 'readMinutes' | 'finalise') => requireMeeting(services, req, capability);
  const actor = (req: Request) => {
    const principal = requirePrincipal(req);
    return { id: principal.userId, name: principal.name };
  };

  router.get('/meetings/:meetingId/blockers', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'readMinutes');
    const current = await currentBlockers(services, meeting);
    const open = current.blockers.filter((b) => !b.waiver).length;
    res.json({ status: meeting.status, blockers: current.blockers, waivers: current.waivers, unwaived: open, canFinalise: open === 0 && meeting.status !== 'finalised' } satisfies BlockersResponse);
  }));

  router.post('/meetings/:meetingId/waivers', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(waiverBody, req);
    const waived = await waiveBlockers(services, meeting, body.blockerIds ?? [body.blockerId!], body.reason, actor(req));
    res.status(201).json(body.blockerIds ? { waivers: waived } : waived[0]);
  }));

  router.post('/meetings/:meetingId/finalise', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    try {
      const { archive } = await services.finalisation.finalise(meeting, actor(req));
      res.json({ ...meeting, status: 'finalised', archive });
    } catch (error) {
      if (!(error instanceof BlockedError)) throw error;
      res.status(409).json({ error: 'blocked', code: 'blocked', message: error.message, blockers: error.blockers });
    }
  }));

  /**
   * The review window: `final_draft` closes the minutes to delegates (the chair still edits) and
   * keeps comments open to everyone who may comment; `draft` opens them again.
   */
  router.post('/meetings/:meetingId/review-window', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(reviewWindowBody, req);
    await services.finalisation.setReviewWindow(meeting, actor(req), body.open);
    res.json({ ...meeting, status: body.open ? 'final_draft' : 'draft' });
  }));

  router.post('/meetings/:meetingId/reopen', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(reopenBody, req);
    await services.finalisation.reopen(meeting, actor(req), body.reason);
    res.json({ ...meeting, status: 'draft' });
  }));

  return router;
}
