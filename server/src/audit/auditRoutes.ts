import { Router } from 'express';
import { z } from 'zod';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { badRequest, forbidden } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import type { AuditResponse } from '../../../shared/src/api/responses.ts';

const auditQuery = z.object({
  meetingId: z.string().refine(isMeetingId, 'not a meeting id').optional(),
  action: z.string().max(40).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

/**
 * `GET /api/audit`: the whole audit log (finalise, reopen, waivers, exports, role changes…),
 * for administrators; chairs read their meeting's at `GET /api/meetings/:id/audit`.
 * Paged by `before=<id>` of the last entry seen.
 */
export function auditRoutes(services: Services): Router {
  const router = Router();
  router.get('/audit', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (!principal.isAdmin || principal.guestMeetingId !== null) throw forbidden('only administrators read the whole audit log');
    const parsed = auditQuery.safeParse(req.query);
    if (!parsed.success) throw badRequest('invalid audit query', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    res.json({ entries: await services.audit.list(parsed.data) } satisfies AuditResponse);
  }));
  return router;
}
