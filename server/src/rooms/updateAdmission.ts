import type { DocKind } from '../../../shared/src/model/schema/documents.ts';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/src/protocol/closeCodes.ts';
import type { AuthorBindings } from './authorBindings.ts';
import type { DocumentSize } from './documentSize.ts';
import type { RoomPeer } from './peer.ts';
import { validateUpdate } from './updateValidation.ts';
import { accountsOf } from '../../../shared/src/model/rosterDoc.ts';

/** Whether an update may be stored; a refusal says how its sender is closed. */
export type Admission =
  | { ok: true; addsContent: boolean }
  | { ok: false; reason: string; detail: string; closeCode: number; closeReason: string };

export interface UpdateAdmissionContext {
  doc: Y.Doc;
  docKind: DocKind;
  authors: AuthorBindings;
  size: DocumentSize;
  maxDocumentBytes: number;
  /** Review doc: the meeting's minutes doc, whose roster says who confirms for which delegation (null: not linked, nobody but the chair). */
  minutes?: () => Y.Doc | null;
}

/**
 * The room's judgement of one incoming update, before anything is stored: valid for the sender's
 * role (updateValidation.ts), written only under client ids that write for the sender
 * (authorship), and within the document's size limit.
 */
export class UpdateAdmission {
  constructor(private readonly context: UpdateAdmissionContext) {}

  /** `acceptedBytes`: what earlier updates of the same batch add (accepted, not applied yet). */
  judge(update: Uint8Array, peer: RoomPeer, acceptedBytes: number): Admission {
    const { doc, docKind, authors } = this.context;
    const { userId, enforceOwnership } = peer;
    const ownership = enforceOwnership && userId ? { userId, ownerOf: (client: number) => authors.authorOf(client) } : undefined;
    // Signer fields must name the socket's user; server changes and anonymous sockets have none.
    const signer = userId ? { userId, userName: peer.userName ?? null } : undefined;
    const mayApprove = userId ? peer.mayApprove === true : undefined;
    const verdict = validateUpdate(doc, update, { docKind, canWriteRoot: peer.canWriteRoot, ownership, signer, mayApprove, isMemberOf: this.memberTest(userId) });
    if (!verdict.ok) {
      const policy = verdict.reason === 'not-owner' || verdict.reason === 'forbidden-value' || verdict.reason === 'not-signer';
      return { ...verdict, closeCode: policy ? CloseCode.PolicyViolation : CloseCode.InvalidPayload, closeReason: `${verdict.reason}: ${verdict.detail}`.slice(0, 120) };
    }
    const foreign = userId ? authors.foreignClient(update, doc, userId) : null;
    if (foreign !== null) {
      const detail = `client id ${foreign} belongs to another user`;
      return { ok: false, reason: 'authorship', detail, closeCode: CloseCode.PolicyViolation, closeReason: `authorship: ${detail}` };
    }
    if (verdict.addsContent && this.wouldExceedMaxSize(update, acceptedBytes)) {
      const limit = this.context.maxDocumentBytes;
      // 4413 is final for y-websocket: the writer does not resend the same change in a loop.
      return {
        ok: false,
        reason: 'document-too-large',
        detail: `document at most ${this.context.size.atMost} bytes, update ${update.byteLength}, limit ${limit}`,
        closeCode: CloseCode.PayloadTooLarge,
        closeReason: `document-too-large: the document may hold at most ${limit} bytes; this change was not stored`,
      };
    }
    return verdict;
  }

  /** Review doc: whether the writer is linked to a roster entry of the minutes doc (read when asked: the roster may change at any time). */
  private memberTest(userId: string | null | undefined): ((rosterId: string) => boolean) | undefined {
    if (this.context.docKind !== 'review' || !userId) return undefined;
    return (rosterId) => {
      const minutes = this.context.minutes?.() ?? null;
      return minutes !== null && accountsOf(minutes, rosterId).includes(userId);
    };
  }

  /**
   * Whether storing `update` (after `acceptedBytes` of this batch) would take the document past
   * MAX_DOCUMENT_BYTES. An update that only deletes is always let through: it makes the document
   * smaller, and is the way back under the limit.
   */
  private wouldExceedMaxSize(update: Uint8Array, acceptedBytes: number): boolean {
    if (!this.context.size.wouldExceed(acceptedBytes + update.byteLength, this.context.maxDocumentBytes)) return false;
    return Y.decodeUpdate(update).structs.length > 0;
  }
}
