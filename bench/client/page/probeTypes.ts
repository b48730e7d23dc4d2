/** What the runner tells the in-page probe (instrument.ts) before the page loads. */
export interface ProbeConfig {
  /** The slot the delegate works in ("current slot"): the page opens at `#slot-<id>`. */
  targetSlotId: string;
  /** The language of the measured editor (the typist types into it). */
  lang: string;
}

export interface MountAllResult {
  /** From the first scroll to the end of the meeting with every slot's editors seen; null if no slot section was found. */
  ms: number | null;
  /** Slots (with minutes) seen with all their editors mounted while in view. */
  slotsSeen: number;
  /** Slots whose editors did not mount within the step timeout while in view. */
  timedOut: string[];
  /** Most editors mounted at once during the scroll (a bounded number when far editors unmount). */
  maxMounted: number;
}

/** `window.__bench` in the page under test. */
export interface BenchProbe {
  /** ms from navigation start to the first editable editor of the current slot showing its text. */
  firstEditableMs: number | null;
  /** keydown (event timestamp) -> end of the next frame, for keys typed while recording. */
  keyPaintMs: number[];
  keydowns: number;
  recording: boolean;
  windowStart: number;
  windowEnd: number;
  longTasks: Array<{ start: number; duration: number }>;
  /** Event Timing entries of key events lasting 16 ms or more (the API's smallest threshold). */
  keyEvents: Array<{ name: string; start: number; duration: number }>;
  /** marker -> wall-clock ms (Date.now()) of the first frame with the marker in the slot's DOM. */
  markersSeen: Record<string, number>;
  pendingMarkers: string[];
  startRecording(): void;
  stopRecording(): void;
  expectMarker(marker: string): void;
  mountAll(slotIds: string[], languages: number, stepTimeoutMs: number): Promise<MountAllResult>;
}
