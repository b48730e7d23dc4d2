import { z } from 'zod';

/**
 * Meeting roles and what each may do, in one table used by the server (enforcement) and the
 * client (what to show). The server never trusts the client's copy.
 */
export const ROLES = ['chair', 'delegate', 'reviewer', 'observer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export type Capability = 'readMinutes' | 'editMinutes' | 'writeReview' | 'manageMembers' | 'editAgenda' | 'finalise';

const CAPABILITIES: Record<Role, readonly Capability[]> = {
  chair: ['readMinutes', 'editMinutes', 'writeReview', 'manageMembers', 'editAgenda', 'finalise'],
  delegate: ['readMinutes', 'editMinutes', 'writeReview'],
  reviewer: ['readMinutes', 'writeReview'],
  observer: ['readMinutes'],
};

/** Admins may do everything a chair may, on every meeting. */
export type EffectiveRole = Role | 'admin';

export function can(role: EffectiveRole | null, capability: Capability): boolean {
  if (role === null) return false;
  if (role === 'admin') return true;
  return CAPABILITIES[role].includes(capability);
}

/** Meeting lifecycle; `finalised` is read-only for everyone (enforced on every channel). */
export const MEETING_STATUSES = ['draft', 'final_draft', 'finalised'] as const;
export const meetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

/**
 * Whether a connection with `role` may write the doc of `kind` while the meeting is in `status`.
 * In `final_draft` the minutes are closed to delegates but open to the chair; the review doc
 * stays open to everyone who may comment.
 */
export function canWriteDoc(role: EffectiveRole | null, kind: 'minutes' | 'review', status: MeetingStatus): boolean {
  if (status === 'finalised') return false;
  if (kind === 'review') return can(role, 'writeReview');
  if (status === 'final_draft') return can(role, 'finalise');
  return can(role, 'editMinutes');
}
