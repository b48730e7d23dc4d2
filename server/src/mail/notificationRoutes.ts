import { Router, type Request } from 'express';
import { notificationSettingsPatch, type NotificationSettingsResponse } from '../../../shared/src/api/notifications.ts';
import { badRequest, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/** `GET/PATCH /api/me/notifications`: the signed-in person's e-mail notification settings. */
export function notificationRoutes(services: Services): Router {
  const { mail } = services;
  const router = Router();

  const answer = async (req: Request): Promise<NotificationSettingsResponse> => {
    const principal = requirePrincipal(req);
    return {
      mailConfigured: mail.notifier.mailConfigured,
      digest: mail.digest,
      hasEmail: principal.email !== null,
      settings: await mail.settings.settings(principal.userId),
    };
  };

  router.get('/me/notifications', route(async (req, res) => {
    res.json(await answer(req));
  }));

  router.patch('/me/notifications', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.via === 'admin-token') throw badRequest('the bootstrap admin token has no account to keep settings in');
    await mail.settings.update(principal.userId, parseBody(notificationSettingsPatch, req));
    res.json(await answer(req));
  }));

  return router;
}
