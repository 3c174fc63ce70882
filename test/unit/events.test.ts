import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newUlid } from '#core/ids';
import { auditEntry, auditItem, platformAuditItem } from '#domain/audit';
import {
  ACTIONS_WITHOUT_EVENT,
  AUDITED_ACTIONS,
  EVENT_TYPES,
  EVENT_TYPES_WITHOUT_ACTION,
  eventItem,
  eventOfAudit,
  patientEvent,
} from '#domain/events';
import { putNew, withEvents } from '#repositories/transactions';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );

// Mail template names that look like actions (functions/domain/mail.ts) but are never audited.
const NOT_ACTIONS = new Set<string>(['invitation.account', ...EVENT_TYPES_WITHOUT_ACTION]);

describe('events of audited changes', () => {
  it('maps every action the code audits to an event type, or says why it has none', () => {
    const literal = /'((?:member|invitation|join-request|organisation|role|join-code|support-access|webhook)\.[a-z-]+)'/g;
    const actions = new Set(
      ['functions/use-cases', 'functions/repositories', 'functions/jobs', 'functions/webhooks']
        .flatMap((dir) => {
          try {
            return sources(dir);
          } catch {
            return [];
          }
        })
        .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(literal)].map((match) => match[1] as string))
        .filter((action) => !NOT_ACTIONS.has(action)),
    );
    expect(actions.size).toBeGreaterThan(25);
    const covered = new Set<string>([...AUDITED_ACTIONS, ...ACTIONS_WITHOUT_EVENT]);
    expect([...actions].filter((action) => !covered.has(action))).toEqual([]);
  });

  it('takes ids and field names from an audit entry, never the values of its details', () => {
    const secrets = ['claire.dupont@example.org', 'Cabinet Martin', 'Rejected: wrong person', 'Jean'];
    const entries = [
      auditEntry({
        organisationId: 'org-1',
        action: 'member.removed',
        actorId: 'u-admin',
        target: 'u-claire',
        details: { username: secrets[0], role: 'MEMBER', status: 'ACTIVE' },
      }),
      auditEntry({
        organisationId: 'org-1',
        action: 'organisation.updated',
        actorId: 'u-admin',
        target: 'org-1',
        details: { nom: { from: secrets[1], to: 'Cabinet Dupont' }, description: { from: null, to: secrets[3] } },
      }),
      auditEntry({
        organisationId: 'org-1',
        action: 'join-request.rejected',
        actorId: 'u-admin',
        target: 'u-paul',
        details: { reason: secrets[2] },
      }),
    ];
    const events = entries.map((entry) => eventOfAudit(entry, newUlid()));
    expect(events.map((event) => event?.type)).toEqual(['member.removed', 'organisation.updated', 'join_request.rejected']);
    expect(events[0]?.data).toEqual({ actorId: 'u-admin', userId: 'u-claire' });
    expect(events[1]?.data).toEqual({ actorId: 'u-admin', changes: ['description', 'nom'] });
    expect(events[2]?.data).toEqual({ actorId: 'u-admin', userId: 'u-paul' });
    const serialised = JSON.stringify(events);
    for (const secret of secrets) expect(serialised).not.toContain(secret);
  });

  it("names a patient's changed fields, not their values", () => {
    const event = patientEvent('patient.updated', {
      id: newUlid(),
      organisationId: 'org-1',
      patientId: 'p-1',
      actorId: 'u-1',
      occurredAt: '2026-12-07T10:00:00.000Z',
      changes: ['telephone', 'email'],
    });
    expect(event.data).toEqual({ actorId: 'u-1', patientId: 'p-1', changes: ['email', 'telephone'] });
  });

  it('adds one event item per audit entry to its transaction, once for an entry in both trails', () => {
    const entry = auditEntry({ organisationId: 'org-1', action: 'role.created', actorId: 'u-1', target: 'NURSE' });
    const items = withEvents([
      { item: putNew('t', auditItem(entry)) },
      { item: putNew('t', platformAuditItem(entry)) },
      { item: putNew('t', { pk: 'ORG#org-1', sk: 'ROLE#NURSE', type: 'Role' }) },
    ]);
    const events = items.flatMap(({ item }) => (item.Put?.Item?.type === 'Event' ? [item.Put.Item] : []));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ pk: 'ORG#org-1', eventType: 'role.created', data: { actorId: 'u-1', roleName: 'NURSE' } });
    expect(String(events[0]?.sk)).toMatch(/^EVENT#[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('gives the event the id its audit item names, when the caller must know it (a deletion job waits on it)', () => {
    const entry = auditEntry({ organisationId: 'org-1', action: 'organisation.deletion-started', actorId: 'u-1', target: 'org-1' });
    const eventId = newUlid();
    const items = withEvents([{ item: putNew('t', platformAuditItem(entry)), eventId }, { item: putNew('t', auditItem(entry)) }]);
    const events = items.flatMap(({ item }) => (item.Put?.Item?.type === 'Event' ? [item.Put.Item] : []));
    expect(events.map((event) => [event.sk, event.eventType])).toEqual([[`EVENT#${eventId}`, 'organisation.deleted']]);
  });

  it('leaves a transaction without an audit entry as it is', () => {
    const items = [{ item: putNew('t', { pk: 'ORG#org-1', sk: 'X#1', type: 'Thing' }) }];
    expect(withEvents(items)).toBe(items);
  });

  it('keeps events 30 days (TTL) under the organisation partition', () => {
    const item = eventItem({
      id: newUlid(),
      type: 'member.added',
      organisationId: 'org-9',
      occurredAt: '2026-12-01T00:00:00.000Z',
      data: {},
    });
    expect(item.pk).toBe('ORG#org-9');
    expect((item as Record<string, unknown>).ttl).toBe(Date.parse('2026-12-31T00:00:00.000Z') / 1000);
  });

  it('has a unique, snake_case-free dotted name for every type', () => {
    for (const type of EVENT_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
  });
});

describe('newUlid', () => {
  it('sorts by time, and stays ordered within one millisecond', () => {
    const ids = [newUlid(1_000), newUlid(1_000), newUlid(1_000), newUlid(2_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });
});
