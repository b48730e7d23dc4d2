import type { IncomingMessage } from 'node:http';

/**
 * Whether a request's Origin is this server's own. With PUBLIC_URL set, that origin; otherwise
 * the origin the browser used to reach us (the Host header), as in a same-origin deployment.
 */
export function ownOriginChecker(publicUrl: string | undefined): (request: IncomingMessage) => boolean {
  const configured = publicUrl ? new URL(publicUrl).origin : null;
  return (request) => {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (configured) return origin === configured;
    const host = request.headers.host;
    return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
  };
}
