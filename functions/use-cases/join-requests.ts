// Review of join requests (codes that require approval): list by status, approve with the requested or another
// role, reject with a reason. The membership change, the request's new state and the audit entry are one transaction.
import { nowIso } from '#core/ids';
import { emitMetric, secondsBetween } from '#core/metrics';
import type { JoinRequest } from '#domain/join-request';
import type { Membership } from '#domain/membership';
import { joinRequestReviewed } from '#domain/metrics';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { deliverNow } from '#mail/delivery';
import { reviewedMail } from '#mail/notifications';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { getJoinRequest, getMembership, listJoinRequests as listRequests, reviewItem } from '#repositories/join-requests';
import { activateMembership, membershipConflict, removeMembership } from '#repositories/memberships';
import { metricItems } from '#repositories/metrics';
import { assertCanGrant } from '#repositories/roles';
import { conditionFailed, type NamedItem } from '#repositories/transactions';
import type { Infer } from '#schemas/lazy';
import type { approveJoinRequestBody, listJoinRequestsQuery, rejectJoinRequestBody } from '#schemas/registration';
import { joinRequestView } from './views.ts';

export async function listJoinRequests(tenant: TenantContext, query: Infer<typeof listJoinRequestsQuery>) {
  const page = await listRequests(tenant, query.status, query);
  return { items: page.items.map(joinRequestView), nextCursor: page.nextCursor };
}

async function pendingRequest(
  tenant: TenantContext,
  userId: string,
): Promise<{ request: JoinRequest; membership: Membership | undefined }> {
  const [request, membership] = await Promise.all([getJoinRequest(tenant, userId), getMembership(tenant, userId)]);
  if (!request) throw refusals.joinRequestNotFound();
  if (request.status !== 'PENDING') throw refusals.joinRequestNotPending();
  return { request, membership };
}

const auditFor = (tenant: TenantContext, action: string, target: string, details: Record<string, unknown>): NamedItem =>
  auditRecord({ organisationId: tenant.organisationId, action, actorId: tenant.userId, target, details });

function reviewConflict(error: unknown): never {
  if (conditionFailed(error, GUARD.joinRequestState)) throw refusals.joinRequestNotPending({ cause: error });
  return membershipConflict(error);
}

export async function approveJoinRequest(tenant: TenantContext, userId: string, body: Infer<typeof approveJoinRequestBody>) {
  const { request, membership } = await pendingRequest(tenant, userId);
  const role = body.role ?? request.requestedRole;
  await assertCanGrant(tenant, role);
  if (membership?.status !== 'PENDING') throw refusals.joinRequestMembershipGone();
  const now = nowIso();
  const review = { status: 'APPROVED' as const, role, reviewedBy: tenant.userId, reviewedAt: now };
  const notice = reviewedMail(request, { status: 'APPROVED', role });
  try {
    await transactAs(tenant, [
      // Takes a seat now (409 when the organisation is full) and makes the user's next login succeed.
      ...activateMembership({ ...membership, role, joinedAt: now, updatedAt: now }, { fromPending: true }),
      reviewItem(request, review),
      auditFor(tenant, 'join-request.approved', userId, { role, requestedRole: request.requestedRole }),
      notice.item,
      ...metricItems(tenant.organisationId, joinRequestReviewed(request, 'approved', now), now),
    ]);
  } catch (error) {
    reviewConflict(error);
  }
  emitMetric('joinApprovals');
  emitMetric('timeToApproval', secondsBetween(request.createdAt, now));
  await deliverNow([notice.job]);
  return joinRequestView({ ...request, ...review, updatedAt: now });
}

export async function rejectJoinRequest(tenant: TenantContext, userId: string, body: Infer<typeof rejectJoinRequestBody>) {
  const { request, membership } = await pendingRequest(tenant, userId);
  if (membership && membership.status !== 'PENDING') throw refusals.joinRequestNotPending();
  const now = nowIso();
  const review = { status: 'REJECTED' as const, reason: body.reason, reviewedBy: tenant.userId, reviewedAt: now };
  const notice = reviewedMail(request, { status: 'REJECTED', reason: body.reason });
  try {
    await transactAs(tenant, [
      ...(membership ? removeMembership(membership) : []),
      reviewItem(request, review),
      auditFor(tenant, 'join-request.rejected', userId, { reason: body.reason }),
      notice.item,
      ...metricItems(tenant.organisationId, joinRequestReviewed(request, 'rejected', now), now),
    ]);
  } catch (error) {
    reviewConflict(error);
  }
  await deliverNow([notice.job]);
  return joinRequestView({ ...request, ...review, updatedAt: now });
}
