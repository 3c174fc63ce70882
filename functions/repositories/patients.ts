// Patient persistence. Every key is built from the verified TenantContext: there is no way to pass an
// organisationId, so one cabinet can never address another's patients.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, TABLE } from '#adapters/dynamodb';
import { PATIENT_SK_PREFIX, type Patient, patientFromItem, patientItem, patientKey } from '#domain/patient';
import type { TenantContext } from '#domain/tenant';
import { type Page, type PageRequest, tenantPage } from './pages.ts';

export async function insertPatient(tenant: TenantContext, patient: Patient): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: TABLE,
      Item: patientItem(tenant.organisationId, patient),
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function findPatient(tenant: TenantContext, id: string): Promise<Patient | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: patientKey(tenant.organisationId, id) }));
  return Item ? patientFromItem(Item) : undefined;
}

export const listPatients = (tenant: TenantContext, page: PageRequest): Promise<Page<Patient>> =>
  tenantPage(tenant, PATIENT_SK_PREFIX, page, patientFromItem);

/** Applies `set` and removes `remove` in one conditional UpdateItem; undefined when the patient does not exist. */
export async function updatePatient(
  tenant: TenantContext,
  id: string,
  set: Record<string, unknown>,
  remove: string[],
): Promise<Patient | undefined> {
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
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: patientKey(tenant.organisationId, id),
        UpdateExpression: [`SET ${setParts.join(', ')}`, removeParts.length ? `REMOVE ${removeParts.join(', ')}` : ''].join(' ').trim(),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? patientFromItem(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/** Deletes the patient; false when it did not exist (in this tenant). */
export async function deletePatient(tenant: TenantContext, id: string): Promise<boolean> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: patientKey(tenant.organisationId, id),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
