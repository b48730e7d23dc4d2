/** What a room needs from a connected client. Implemented by ws/Connection. */
export interface RoomPeer {
  readonly id: string;
  /** The client asked for StoredAck / StoreStatus messages. */
  readonly wantsAck: boolean;
  /** The authenticated user, bound to the client ids this peer writes under; null when anonymous. */
  readonly userId?: string | null;
  /** The user's display name: awareness may not name anyone else, and fields that name their writer must carry it (valueRules.ts). */
  readonly userName?: string | null;
  /** Its updates are never stored (an observer); it binds no client ids for authorship. */
  readonly readOnly?: boolean;
  /** Comments belong to their authors: this peer may only change what it wrote (review doc). */
  readonly enforceOwnership?: boolean;
  /** Root fields of the doc this peer may change; every field when undefined. */
  readonly canWriteRoot?: (rootName: string) => boolean;
  /** May set minutes approved (the chair); others only mark them draft or ready (minutes doc). */
  readonly mayApprove?: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}
