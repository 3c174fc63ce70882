// Helpers for the organisation deletion tests: a tenant of thousands of patients written straight into the table
// (with the items the API writes for each: the patient and its name entries), and waiting for a deletion to finish.
import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { patientItem } from '#domain/patient';
import { nameEntryItem, patientNameEntries } from '#domain/patient-search';
import { batchWriteAll } from '../../scripts/batch-write.ts';
import { stack } from './api.ts';
import { dynamo, getItem } from './emulators.ts';
import { poll } from './wait.ts';

/** Writes `count` patients of the organisation (3 items each) with BatchWriteItem; returns the items written. */
export async function seedPatients(
  organisationId: string,
  count: number,
  options: { client?: DynamoDBDocumentClient; table?: string } = {},
): Promise<number> {
  const client = options.client ?? dynamo();
  const table = options.table ?? stack().tableName;
  const now = new Date().toISOString();
  const items = Array.from({ length: count }, (_, index) => {
    const patient = { id: randomUUID(), nom: `Patient${index}`, prenom: 'Seed', createdAt: now, updatedAt: now };
    return [patientItem(organisationId, patient), ...patientNameEntries(organisationId, patient).map(nameEntryItem)];
  }).flat();
  await batchWriteAll(client, table, items, 4);
  return items.length;
}

/** Polls until the organisation item is gone (the deletion worker finished), for at most `ms`. */
export const organisationGone = async (organisationId: string, ms = 60_000): Promise<boolean> =>
  (await poll(
    () => getItem(`ORG#${organisationId}`, 'ORGANISATION'),
    (item) => item === undefined,
    { ms, every: 200 },
  )) === undefined;
