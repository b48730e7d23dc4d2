import nodemailer from 'nodemailer';
import type { OutboxEntry } from './mailOutbox.ts';

/** Hands one e-mail to the mail server; rejects with the reason when it is not taken. */
export interface MailTransport {
  send(mail: OutboxEntry): Promise<void>;
  close(): void;
}

/** Whether the mail server refused for good (5xx: bad address, policy) rather than for now. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/** SMTP through nodemailer, from SMTP_URL; timeouts short enough that a dead server costs seconds, not minutes. */
export function smtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.locale, 'Auto-Submitted': 'auto-generated' },
      });
    },
    close: () => transporter.close(),
  };
}
