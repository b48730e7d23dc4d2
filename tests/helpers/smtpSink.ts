import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eventually } from './eventually.ts';
import { parseMail, type ParsedMail } from './mailParse.ts';

export interface ReceivedMail extends ParsedMail {
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  raw: string;
}

export interface SmtpSink {
  port: number;
  /** SMTP_URL for the server under test. */
  url: string;
  readonly received: ReceivedMail[];
  /** Mails to `address` received so far. */
  to(address: string): ReceivedMail[];
  /** Waits until `count` mails to `address` have arrived; returns them. */
  waitFor(address: string, count?: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets what was received (e.g. the invitations a test's set-up caused). */
  clear(): void;
  close(): Promise<void>;
}

/** A free port on the loopback (for a mail server that starts later than the app that uses it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A real SMTP server in the test process (smtp-server), on the loopback, without TLS or login,
 * that keeps every message it accepts, raw and parsed.
 */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ ...parseMail(raw), raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.server.address() as AddressInfo).port;
  const to = (address: string) => received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  return {
    port: bound,
    url: `smtp://127.0.0.1:${bound}`,
    received,
    to,
    async waitFor(address, count = 1, timeoutMs = 10_000) {
      return eventually(() => {
        const mails = to(address);
        if (mails.length < count) throw new Error(`${mails.length} of ${count} mail(s) to ${address} so far (${received.length} received in all)`);
        return mails;
      }, timeoutMs);
    },
    clear: () => {
      received.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Environment for a test server that sends mail to `sink` at once (no batching delay). */
export function mailEnv(smtpUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return { SMTP_URL: smtpUrl, SMTP_FROM: 'Quorum <quorum@example.org>', MAIL_BATCH_SECONDS: '0', MAIL_RETRY_SECONDS: '0.2', LOGIN_ATTEMPTS_PER_MINUTE: '1000', ...extra };
}
