import type { RequestHandler } from 'express';
import { secretsEqual } from '../auth/secrets.ts';
import type { Metrics } from './metrics.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * `GET /metrics` in the Prometheus text format. Who may read it:
 * - with `METRICS_TOKEN` set, anyone presenting `Authorization: Bearer <METRICS_TOKEN>`;
 * - without it, only direct connections from this machine (loopback, and no `X-Forwarded-For`,
 *   so a request relayed by a local reverse proxy does not count as local).
 * Metrics name no documents or users, but they show load and errors: not for the public.
 */
export function metricsRoute(metrics: Metrics, token: string | undefined): RequestHandler {
  return async (req, res) => {
    const allowed = token
      ? secretsEqual(req.get('authorization') ?? '', `Bearer ${token}`)
      : LOOPBACK.has(req.socket.remoteAddress ?? '') && req.get('x-forwarded-for') === undefined;
    if (!allowed) {
      res.status(token ? 401 : 403).json({ error: token ? 'metrics need the METRICS_TOKEN bearer token' : 'metrics are only served to this machine (set METRICS_TOKEN for remote scrapes)' });
      return;
    }
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  };
}
