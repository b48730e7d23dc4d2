/** Messages between the benchmark runner and its writer process (Node IPC). */

export interface WriterPlacement {
  slotId: string;
  lang: string;
}

/** One writer: where it types, and as whom (a delegate's personal access token and identity). */
export interface WriterSpec extends WriterPlacement {
  token: string;
  user: { id: string; name: string };
}

export interface StartWriters {
  cmd: 'start';
  /** ws://host:port/collab */
  wsUrl: string;
  docName: string;
  writers: WriterSpec[];
  charsPerSecond: number;
  /** Publish a caret (awareness `user` and `cursor`, as CollaborationCaret does). */
  carets: boolean;
}

export interface WriterStats {
  typed: number;
  /** Socket closes seen by the writers' providers, with the server's code and reason. */
  closes: Array<{ code: number | null; reason: string }>;
  /** Writers that were not synced when stopped. */
  unsynced: number;
}

export type WriterCommand = StartWriters | { cmd: 'marker'; marker: string } | { cmd: 'stop' } | { cmd: 'exit' };

/** Answers carry the request id; `sentAt` (marker) is Date.now() just before the insert. */
export type WriterAnswer = { ok: true; sentAt?: number; stats?: WriterStats } | { ok: false; error: string };
