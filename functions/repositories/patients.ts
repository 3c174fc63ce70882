// Patient persistence. Every key is built from the verified TenantContext: there is no way to pass an
// organisationId, so one cabinet can never address another's patients. A patient's name index entries
// (domain/patient-search.ts) and its event (domain/events.ts) are written in the same transaction as the patient.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, TABLE } from '#adapters/dynamodb';
import { newUlid, nowIso } from '#core/ids';
import { patientEvent } from '#domain/events';
import { PATIENT_SK_PREFIX, type Patient, patientFromItem, patientItem, patientKey } from '#domain/patient';
import {
  isNamePosition,
  mergeNamePage,
  type NameEntry,
  nameEntryItem,
  namePlan,
  patientNameEntries,
  type ShardRead,
  sameNameEntries,
} from '#domain/patient-search';
import type { TenantContext } from '#domain/tenant';
import { cursorScope, decodeScopedCursor, encodeScopedCursor } from './cursor.ts';
import { GUARD } from './guards.ts';
import { type Page, type PageRequest, tenantPage } from './pages.ts';
import { conditionFailed, eventWrite, type NamedItem, putNew, transact } from './transactions.ts';

/** A patient's event (domain/events.ts: its id and the names of the changed fields, never their values). */
const eventOf = (
  tenant: TenantContext,
  type: 'patient.created' | 'patient.updated' | 'patient.deleted',
  patientId: string,
  occurredAt: string,
  changes?: string[],
) =>
  eventWrite(
    patientEvent(type, {
      id: newUlid(),
      organisationId: tenant.organisationId,
      patientId,
      actorId: tenant.userId,
      occurredAt,
      ...(changes ? { changes } : {}),
    }),
  );

/** The greatest string that starts with `prefix`: the prefix then the last code point (U+10FFFF). */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;

const putEntry = (entry: NameEntry): NamedItem => ({ item: { Put: { TableName: TABLE, Item: nameEntryItem(entry) } } });
const deleteEntry = (entry: NameEntry): NamedItem => ({ item: { Delete: { TableName: TABLE, Key: { pk: entry.pk, sk: entry.sk } } } });

/** The patient and its name entries (and `extra`: the tenant's bucket token), in one transaction. */
export async function insertPatient(tenant: TenantContext, patient: Patient, extra: NamedItem[] = []): Promise<void> {
  await transact([
    ...extra,
    { item: putNew(TABLE, patientItem(tenant.organisationId, patient)), guard: GUARD.patient },
    ...patientNameEntries(tenant.organisationId, patient).map(putEntry),
    eventOf(tenant, 'patient.created', patient.id, patient.createdAt),
  ]);
}

export async function findPatient(tenant: TenantContext, id: string, options: { consistent?: boolean } = {}): Promise<Patient | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: TABLE,
      Key: patientKey(tenant.organisationId, id),
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item ? patientFromItem(Item) : undefined;
}

export const listPatients = (tenant: TenantContext, page: PageRequest): Promise<Page<Patient>> =>
  tenantPage(tenant, PATIENT_SK_PREFIX, page, patientFromItem);

/** The scope of by-name cursors: the tenant's, apart from its plain list's (a PATIENT# cursor is refused here). */
const byNameScope = (tenant: TenantContext) => `${cursorScope(tenant)}:patients-by-name`;

/**
 * A page of patients sorted by name (family name, then given name), of all of them or of those whose family or
 * given name starts with `query` (folded: case and accents ignored): one Query per index shard, in parallel, then
 * one BatchGetItem of the page's patients.
 */
export async function listPatientsByName(
  tenant: TenantContext,
  page: PageRequest & { query?: string | undefined },
): Promise<Page<Patient>> {
  const plan = namePlan(tenant.organisationId, page.query);
  // A query of punctuation alone matches no name (the route's schema refuses it before).
  if (!plan) return { items: [], nextCursor: null };
  const after = page.cursor ? decodeScopedCursor(byNameScope(tenant), page.cursor, isNamePosition) : undefined;
  const reads = await Promise.all(
    plan.partitions.map(async (pk): Promise<ShardRead> => {
      const response = await db.send(
        new QueryCommand({
          TableName: TABLE,
          // A prefix as a range (what begins_with means): DynamoDB Local answers begins_with by reading the whole
          // partition (11× slower at 100k patients in the scale bench), a range through its index.
          KeyConditionExpression: plan.prefix ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(plan.prefix ? { ':from': plan.prefix, ':to': prefixEnd(plan.prefix) } : {}) },
          Limit: page.limit,
          ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
        }),
      );
      const entries = (response.Items ?? []).map((item) => ({
        sk: String(item.sk),
        patientId: String(item.patientId),
        ...(typeof item.familyFirst === 'string' ? { familyFirst: item.familyFirst } : {}),
      }));
      return { entries, more: response.LastEvaluatedKey !== undefined };
    }),
  );
  const { patientIds, position } = mergeNamePage(reads, plan.prefix, page.limit);
  const found = patientIds.length > 0 ? await batchGet(patientIds.map((id) => patientKey(tenant.organisationId, id))) : [];
  const byId = new Map(found.map((item) => [String(item.id), patientFromItem(item)]));
  return {
    // A patient deleted between the two reads is left out.
    items: patientIds.flatMap((id) => byId.get(id) ?? []),
    nextCursor: position === undefined ? null : encodeScopedCursor(byNameScope(tenant), position),
  };
}

// A rename or a deletion reads the patient first (its names give the entries to remove); a concurrent rename in
// between fails the transaction's condition, and the change is tried again on what is there now.
const NAME_CHANGE_ATTEMPTS = 3;

/** The patient is still as read (same names): the condition of a change that rewrites its entries. */
const unchangedNames = (current: Patient) => ({
  ConditionExpression: 'attribute_exists(pk) AND nom = :seenNom AND prenom = :seenPrenom',
  values: { ':seenNom': current.nom, ':seenPrenom': current.prenom },
});

function updateExpression(set: Record<string, unknown>, remove: string[]) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const setParts = Object.entries(set).map(([field, value], index) => {
    names[`#s${index}`] = field;
    values[`:s${index}`] = value;
    return `#s${index} = :s${index}`;
  });
  const removeParts = remove.map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  return {
    UpdateExpression: [`SET ${setParts.join(', ')}`, removeParts.length ? `REMOVE ${removeParts.join(', ')}` : ''].join(' ').trim(),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/**
 * Applies `set` and removes `remove`; undefined when the patient does not exist. One transaction with its event
 * (the names of the changed fields) and, for a rename, the name entries' swap; the answer is the read record with
 * the change applied (no read after the write).
 */
export async function updatePatient(
  tenant: TenantContext,
  id: string,
  set: Record<string, unknown>,
  remove: string[],
  extra: NamedItem[] = [],
): Promise<Patient | undefined> {
  const expression = updateExpression(set, remove);
  const key = patientKey(tenant.organisationId, id);
  for (let attempt = 1; ; attempt++) {
    const current = await findPatient(tenant, id, { consistent: true });
    if (!current) return undefined;
    const updated = Object.fromEntries(
      Object.entries({ ...current, ...set }).filter(([field]) => !remove.includes(field)),
    ) as unknown as Patient;
    const condition = unchangedNames(current);
    const before = patientNameEntries(tenant.organisationId, current);
    const after = patientNameEntries(tenant.organisationId, updated);
    const swap = sameNameEntries(current, updated) ? [] : [...before.map(deleteEntry), ...after.map(putEntry)];
    try {
      await transact([
        ...extra,
        {
          item: {
            Update: {
              TableName: TABLE,
              Key: key,
              ...expression,
              ConditionExpression: condition.ConditionExpression,
              ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ...condition.values },
            },
          },
          guard: GUARD.patient,
        },
        ...swap,
        eventOf(
          tenant,
          'patient.updated',
          id,
          String(set.updatedAt ?? nowIso()),
          [...Object.keys(set), ...remove].filter((field) => field !== 'updatedAt'),
        ),
      ]);
      return updated;
    } catch (error) {
      if (!conditionFailed(error, GUARD.patient) || attempt >= NAME_CHANGE_ATTEMPTS) throw error;
    }
  }
}

/** Deletes the patient and its name entries in one transaction; false when it did not exist (in this tenant). */
export async function deletePatient(tenant: TenantContext, id: string, extra: NamedItem[] = []): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    const current = await findPatient(tenant, id, { consistent: true });
    if (!current) return false;
    const condition = unchangedNames(current);
    try {
      await transact([
        ...extra,
        {
          item: {
            Delete: {
              TableName: TABLE,
              Key: patientKey(tenant.organisationId, id),
              ConditionExpression: condition.ConditionExpression,
              ExpressionAttributeValues: condition.values,
            },
          },
          guard: GUARD.patient,
        },
        ...patientNameEntries(tenant.organisationId, current).map(deleteEntry),
        eventOf(tenant, 'patient.deleted', id, nowIso()),
      ]);
      return true;
    } catch (error) {
      if (!conditionFailed(error, GUARD.patient) || attempt >= NAME_CHANGE_ATTEMPTS) throw error;
    }
  }
}
