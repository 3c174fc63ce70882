// The events API: the organisation's events as the API shows them (the items hold nothing a view must drop).
import { type EventType, isEventType, type OrgEvent } from '#domain/events';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { listEvents } from '#repositories/events';

export const eventView = (event: OrgEvent) => ({
  id: event.id,
  type: event.type,
  organisationId: event.organisationId,
  occurredAt: event.occurredAt,
  data: event.data,
});

export async function listOrganisationEvents(
  tenant: TenantContext,
  query: { limit: number; cursor?: string | undefined; after?: string | undefined; types?: string | undefined },
) {
  const { types: listed, ...page } = query;
  const requested = listed === undefined ? [] : [...new Set(listed.split(','))];
  const unknown = requested.filter((type) => !isEventType(type));
  if (unknown.length > 0) {
    throw refusals.validationError(unknown.map((type) => ({ path: 'types', message: `Unknown event type: ${type}` })));
  }
  const types = requested as EventType[];
  const { items, nextCursor } = await listEvents(tenant, { ...page, types });
  return { items: items.map(eventView), nextCursor };
}
