import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; one logger per server, children carry connection and room ids. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'quorum' } });
}
