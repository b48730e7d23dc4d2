import type { MeetingDocName } from '../../../shared/src/protocol/docName.ts';
import { canWriteDoc, type EffectiveRole } from '../../../shared/src/model/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { MeetingRecord, MeetingRepo } from './meetingRepo.ts';

export type DocAccessDecision =
  | { ok: false; status: 403 | 404; message: string }
  | { ok: true; meeting: MeetingRecord; role: EffectiveRole; readOnly: boolean; readOnlyReason?: string };

/**
 * The single place that turns (principal, meeting) into a role, used by HTTP routes and by the
 * WebSocket upgrade alike so that the two channels can never disagree (Etherpad 1.8.15/1.8.17).
 */
export class AccessControl {
  constructor(private readonly meetings: MeetingRepo) {}

  async roleIn(principal: Principal, meeting: MeetingRecord): Promise<EffectiveRole | null> {
    // A guest credential opens its own meeting only, whatever else the database says.
    if (principal.guestMeetingId !== null && principal.guestMeetingId !== meeting.id) return null;
    if (principal.isAdmin) return 'admin';
    const role = await this.meetings.roleOf(meeting.id, principal.userId);
    if (role || principal.email === null || principal.guestMeetingId !== null) return role;
    // A chair added this account by e-mail: the place is taken the first time it is used.
    return this.meetings.claimPending(principal.email, principal.userId, meeting.id);
  }

  async docAccess(principal: Principal, docName: MeetingDocName): Promise<DocAccessDecision> {
    const meeting = await this.meetings.get(docName.meetingId);
    if (!meeting) return { ok: false, status: 404, message: 'no such meeting' };
    const role = await this.roleIn(principal, meeting);
    if (!role) return { ok: false, status: 403, message: 'no role in this meeting' };
    if (canWriteDoc(role, docName.kind, meeting.status)) return { ok: true, meeting, role, readOnly: false };
    const readOnlyReason =
      meeting.status === 'finalised' ? 'meeting-finalised' : meeting.status === 'final_draft' && docName.kind === 'minutes' ? 'final-draft' : `role-${role}`;
    return { ok: true, meeting, role, readOnly: true, readOnlyReason };
  }
}

/** What changed, so that open sockets can be re-checked (any field narrows the affected set). */
export interface AccessChange {
  meetingId?: string;
  /** A report's status or members changed: its sockets are re-checked, its rooms re-frozen. */
  reportId?: string;
  userId?: string;
  tokenId?: string;
  sessionHash?: string;
}

/**
 * Access changes inside this process. The WebSocket layer listens and re-authorises affected
 * sockets; with several processes the same events travel over Redis (issue 7).
 */
export class AccessEvents {
  private readonly listeners = new Set<(change: AccessChange) => void>();
  /** Forwards every change made here to the other processes (set by the composition root). */
  relay: ((change: AccessChange) => void) | null = null;

  on(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A change made in this process: re-check sockets here and on every other process. */
  emit(change: AccessChange): void {
    this.deliver(change);
    this.relay?.(change);
  }

  /** A change made here or by another process: re-check this process's sockets. */
  deliver(change: AccessChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
