// Organisation event item: ORG#<orgId> / EVENT#<ulid>, written in the SAME transaction as the change it reports
// (repositories/transactions.ts derives it from the change's audit entry; a patient's write adds its own), so there
// is no event without its change and no change without its event. Its data names ids and changed field names only,
// never a person's details, a patient's record or a secret: a subscriber reads the record through the API with its
// own rights. Kept EVENT_RETENTION_SECONDS (TTL); the table's stream carries it to the webhook fan-out.
import type { AuditEntry } from './audit.ts';
import { organisationPk } from './keys.ts';
import { ttlAt } from './ttl.ts';

/** The event catalogue: every type an event can have, with what it means (the OpenAPI document shows these). */
export const EVENT_CATALOGUE = {
  'member.added': 'A person became an ACTIVE member (added by an admin or joined with the join code).',
  'member.removed': 'A membership ended (removed, left, or the account was deleted).',
  'member.role_changed': "A member's role changed.",
  'member.suspended': 'A member was suspended.',
  'member.reactivated': 'A suspended member was reactivated.',
  'invitation.created': 'An invitation was sent.',
  'invitation.accepted': 'An invitation was accepted: its person is now a member.',
  'invitation.declined': 'An invitation was declined.',
  'invitation.revoked': 'An invitation was revoked.',
  'join_request.created': 'Someone asked to join with the join code.',
  'join_request.approved': 'A join request was approved: its person is now a member.',
  'join_request.rejected': 'A join request was rejected.',
  'join_request.withdrawn': 'A join request was withdrawn by its author.',
  'organisation.created': 'The organisation was created.',
  'organisation.updated': 'Fields of the organisation changed.',
  'organisation.suspended': 'The platform suspended the organisation.',
  'organisation.reactivated': 'The platform reactivated the organisation.',
  'organisation.deleted': 'The deletion of the organisation started: its data is being removed, and nothing follows.',
  'role.created': 'A custom role was created.',
  'role.updated': 'A custom role changed.',
  'role.deleted': 'A custom role was deleted.',
  'join_code.rotated': 'The join code was replaced by a new one.',
  'join_code.updated': "The join code's policy changed.",
  'support_access.granted': 'Platform support access was granted.',
  'support_access.revoked': 'Platform support access was revoked.',
  'support_access.used': "A platform operator read the organisation's data under support access.",
  'patient.created': 'A patient record was created.',
  'patient.updated': 'Fields of a patient record changed.',
  'patient.deleted': 'A patient record was deleted.',
  'webhook.created': 'A webhook endpoint was registered.',
  'webhook.updated': 'A webhook endpoint changed (its URL, types, description or whether it is enabled).',
  'webhook.deleted': 'A webhook endpoint was deleted.',
  'webhook.secret_rotated': "A webhook endpoint's signing secret was replaced (the previous one signs 24 h more).",
  'webhook.disabled': 'A webhook endpoint was disabled after its deliveries kept failing.',
  'webhook.test': 'Sent by POST …/webhooks/{webhookId}/test to that endpoint alone; never in the events list.',
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENT_CATALOGUE, value);

/** What an event says: ids and field names, nothing else (see eventData). */
export interface EventData {
  actorId?: string;
  userId?: string;
  invitationId?: string;
  roleName?: string;
  patientId?: string;
  webhookId?: string;
  /** The names of the fields that changed. */
  changes?: string[];
  /** How a membership began or ended, when several ways lead to one type ('join-code', 'left', 'account-deleted'). */
  via?: string;
}

export interface OrgEvent {
  /** A ULID: unique, and ordered by creation time as a string. */
  id: string;
  type: EventType;
  organisationId: string;
  occurredAt: string;
  data: EventData;
}

export const EVENT_SK_PREFIX = 'EVENT#';
export const EVENT_RETENTION_SECONDS = 30 * 24 * 3600;
/** The item type of an event, which the stream's filter (CDK and the local reader) selects on. */
export const EVENT_ITEM_TYPE = 'Event';

export const eventKey = (organisationId: string, id: string) => ({ pk: organisationPk(organisationId), sk: `${EVENT_SK_PREFIX}${id}` });

export const eventItem = (event: OrgEvent) => ({
  ...eventKey(event.organisationId, event.id),
  type: EVENT_ITEM_TYPE,
  id: event.id,
  eventType: event.type,
  organisationId: event.organisationId,
  occurredAt: event.occurredAt,
  data: event.data,
  ...ttlAt(Date.parse(event.occurredAt) / 1000 + EVENT_RETENTION_SECONDS),
});

export function eventFromItem(item: Record<string, unknown>): OrgEvent {
  return {
    id: String(item.id),
    type: item.eventType as EventType,
    organisationId: String(item.organisationId),
    occurredAt: String(item.occurredAt),
    data: (item.data ?? {}) as EventData,
  };
}

type Subject = 'userId' | 'invitationId' | 'roleName' | 'webhookId' | 'none';

/**
 * Each audited action's event: its type, what the audit entry's target is, and how it names the changed fields.
 * test/unit/events.test.ts checks that every action the use cases audit is here.
 */
const FROM_AUDIT: Record<
  string,
  { type: EventType; subject: Subject; via?: string; changes?: (details: Record<string, unknown>) => string[] }
> = {
  'member.added': { type: 'member.added', subject: 'userId' },
  'member.joined-by-code': { type: 'member.added', subject: 'userId', via: 'join-code' },
  'member.removed': { type: 'member.removed', subject: 'userId' },
  'member.left': { type: 'member.removed', subject: 'userId', via: 'left' },
  'member.account-deleted': { type: 'member.removed', subject: 'userId', via: 'account-deleted' },
  'member.role-changed': { type: 'member.role_changed', subject: 'userId', changes: () => ['role'] },
  'member.suspended': { type: 'member.suspended', subject: 'userId', changes: () => ['status'] },
  'member.reactivated': { type: 'member.reactivated', subject: 'userId', changes: () => ['status'] },
  'invitation.created': { type: 'invitation.created', subject: 'invitationId' },
  'invitation.accepted': { type: 'invitation.accepted', subject: 'invitationId' },
  'invitation.declined': { type: 'invitation.declined', subject: 'invitationId' },
  'invitation.revoked': { type: 'invitation.revoked', subject: 'invitationId' },
  'join-request.created': { type: 'join_request.created', subject: 'userId' },
  'join-request.approved': { type: 'join_request.approved', subject: 'userId' },
  'join-request.rejected': { type: 'join_request.rejected', subject: 'userId' },
  'join-request.withdrawn': { type: 'join_request.withdrawn', subject: 'userId' },
  'organisation.created': { type: 'organisation.created', subject: 'none' },
  'organisation.created-by-platform': { type: 'organisation.created', subject: 'none', via: 'platform' },
  'organisation.updated': { type: 'organisation.updated', subject: 'none', changes: fieldChanges },
  'organisation.updated-by-platform': { type: 'organisation.updated', subject: 'none', via: 'platform', changes: fieldChanges },
  'organisation.suspended': { type: 'organisation.suspended', subject: 'none', changes: () => ['status'] },
  'organisation.reactivated': { type: 'organisation.reactivated', subject: 'none', changes: () => ['status'] },
  'organisation.deletion-started': { type: 'organisation.deleted', subject: 'none' },
  'role.created': { type: 'role.created', subject: 'roleName' },
  'role.updated': { type: 'role.updated', subject: 'roleName', changes: () => ['permissions'] },
  'role.deleted': { type: 'role.deleted', subject: 'roleName' },
  'join-code.rotated': { type: 'join_code.rotated', subject: 'none', changes: () => ['code'] },
  'join-code.updated': { type: 'join_code.updated', subject: 'none', changes: (details) => keysOf(details.changes) },
  'support-access.granted': { type: 'support_access.granted', subject: 'none' },
  'support-access.revoked': { type: 'support_access.revoked', subject: 'none' },
  'support-access.read': { type: 'support_access.used', subject: 'none' },
  'webhook.created': { type: 'webhook.created', subject: 'webhookId' },
  'webhook.updated': { type: 'webhook.updated', subject: 'webhookId', changes: (details) => stringsOf(details.changes) },
  'webhook.deleted': { type: 'webhook.deleted', subject: 'webhookId' },
  'webhook.secret-rotated': { type: 'webhook.secret_rotated', subject: 'webhookId', changes: () => ['secret'] },
  'webhook.disabled': { type: 'webhook.disabled', subject: 'webhookId', changes: () => ['status'] },
};

/** The audited actions that have an event (every one the use cases write: the unit test holds it). */
export const AUDITED_ACTIONS = Object.keys(FROM_AUDIT);

/**
 * Audited actions without an event: the end of an organisation's deletion is recorded in the platform trail only,
 * once its partition (webhooks included) is gone; its subscribers heard `organisation.deleted` when it began.
 */
export const ACTIONS_WITHOUT_EVENT = ['organisation.deleted'] as const;

/** Event types no audited action has: a test delivery is not a change. */
export const EVENT_TYPES_WITHOUT_ACTION = ['webhook.test'] as const;

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string').sort() : [];

const keysOf = (value: unknown): string[] => (value && typeof value === 'object' ? Object.keys(value).sort() : []);

/** An organisation update's details are `{ field: { from, to } }` plus context (who on the platform): the fields. */
function fieldChanges(details: Record<string, unknown>): string[] {
  return Object.entries(details)
    .filter(([, value]) => value !== null && typeof value === 'object' && 'to' in value)
    .map(([field]) => field)
    .sort();
}

/**
 * The event an audit entry becomes, or undefined for an action without one. Only the entry's ids and the NAMES of
 * the fields its details mention are taken: never a value of its details (usernames, names, reasons).
 */
export function eventOfAudit(entry: AuditEntry, id: string): OrgEvent | undefined {
  const rule = FROM_AUDIT[entry.action];
  if (!rule) return undefined;
  const data: EventData = { actorId: entry.actorId };
  if (rule.subject !== 'none' && entry.target !== undefined) data[rule.subject] = entry.target;
  if (rule.via) data.via = rule.via;
  const changes = rule.changes?.(entry.details ?? {});
  if (changes && changes.length > 0) data.changes = changes;
  return { id, type: rule.type, organisationId: entry.organisationId, occurredAt: entry.at, data };
}

/** A patient's event: its id, who acted and, for an update, the names of the fields it changed. */
export function patientEvent(
  type: 'patient.created' | 'patient.updated' | 'patient.deleted',
  fields: { id: string; organisationId: string; patientId: string; actorId: string; occurredAt: string; changes?: string[] },
): OrgEvent {
  const data: EventData = { actorId: fields.actorId, patientId: fields.patientId };
  if (fields.changes && fields.changes.length > 0) data.changes = [...fields.changes].sort();
  return { id: fields.id, type, organisationId: fields.organisationId, occurredAt: fields.occurredAt, data };
}
