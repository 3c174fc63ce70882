// Patient persistence. Every key is built from the verified TenantContext: there is no way to pass an
// organisationId, so one cabinet can never address another's patients. Each change is one transaction with its
// event (domain/events.ts: the patient's id and the names of the changed fields, never their values).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { newUlid } from '#core/ids';
import { patientEvent } from '#domain/events';
import { PATIENT_SK_PREFIX, type Patient, patientFromItem, patientItem, patientKey } from '#domain/patient';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from './guards.ts';
import { type Page, type PageRequest, tenantPage } from './pages.ts';
import { conditionFailed, eventWrite, putNew, transact } from './transactions.ts';

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

export async function insertPatient(tenant: TenantContext, patient: Patient): Promise<void> {
  await transact([
    { item: putNew(TABLE, patientItem(tenant.organisationId, patient)), guard: GUARD.patient },
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

const MAX_UPDATE_ATTEMPTS = 3;

/**
 * Applies `set` and removes `remove`, conditioned on the patient being as read (its updatedAt), with its event, in
 * one transaction; a concurrent change is read again and the update re-applied. Undefined when the patient does not
 * exist. The answer is the read record with the change applied: no read after the write.
 */
export async function updatePatient(
  tenant: TenantContext,
  id: string,
  set: Record<string, unknown>,
  remove: string[],
): Promise<Patient | undefined> {
  for (let attempt = 1; ; attempt++) {
    const current = await findPatient(tenant, id, { consistent: true });
    if (!current) return undefined;
    const next: Record<string, unknown> = { ...current, ...set };
    for (const field of remove) delete next[field];
    const names: Record<string, string> = { '#seen': 'updatedAt' };
    const values: Record<string, unknown> = { ':seen': current.updatedAt };
    const setParts = Object.entries(set).map(([field, value], index) => {
      names[`#s${index}`] = field;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    const removeParts = remove.map((field, index) => {
      names[`#r${index}`] = field;
      return `#r${index}`;
    });
    const changes = [...Object.keys(set), ...remove].filter((field) => field !== 'updatedAt');
    try {
      await transact([
        {
          item: {
            Update: {
              TableName: TABLE,
              Key: patientKey(tenant.organisationId, id),
              UpdateExpression: [`SET ${setParts.join(', ')}`, removeParts.length ? `REMOVE ${removeParts.join(', ')}` : '']
                .join(' ')
                .trim(),
              ConditionExpression: 'attribute_exists(pk) AND #seen = :seen',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          guard: GUARD.patient,
        },
        eventOf(tenant, 'patient.updated', id, String(set.updatedAt ?? current.updatedAt), changes),
      ]);
      return next as unknown as Patient;
    } catch (error) {
      if (!conditionFailed(error, GUARD.patient) || attempt >= MAX_UPDATE_ATTEMPTS) throw error;
    }
  }
}

/** Deletes the patient with its event; false when it did not exist (in this tenant). */
export async function deletePatient(tenant: TenantContext, id: string, now: string): Promise<boolean> {
  try {
    await transact([
      {
        item: { Delete: { TableName: TABLE, Key: patientKey(tenant.organisationId, id), ConditionExpression: 'attribute_exists(pk)' } },
        guard: GUARD.patient,
      },
      eventOf(tenant, 'patient.deleted', id, now),
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error, GUARD.patient)) return false;
    throw error;
  }
}
