// DynamoDB access for the patient search-key backfill (domain/patient-search.ts SearchBackfillJob): the job item and
// its checkpoints (each conditional on the version read), a page of an organisation's patients, which of their index
// entries are missing, and writing those in one transaction per patient on condition that its names are still the
// ones read (a rename meanwhile wrote its own entries; a deletion needs none).
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, isConditionFailure, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import { PATIENT_SK_PREFIX, patientKey } from '#domain/patient';
import { type NameEntry, nameEntryItem, type SearchBackfillJob, searchBackfillJobKey } from '#domain/patient-search';
import { GUARD } from './guards.ts';
import { conditionFailed, transact } from './transactions.ts';

export async function findSearchBackfill(scope: string): Promise<SearchBackfillJob | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: searchBackfillJobKey(scope), ConsistentRead: true }));
  if (!Item) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...job } = Item;
  return job as SearchBackfillJob;
}

/** Another run checkpointed the job since this one read it: this run stops. */
export class BackfillTakenOver extends Error {
  constructor(options?: ErrorOptions) {
    super('The search backfill is being run by another process', options);
    this.name = 'BackfillTakenOver';
  }
}

/**
 * Writes the job as `job` (its cursor and counts), version + 1, if it is still at `job.version` (or absent, for
 * version 0). Returns the job as written.
 */
export async function saveSearchBackfill(job: SearchBackfillJob): Promise<SearchBackfillJob> {
  const next = { ...job, version: job.version + 1 };
  try {
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...searchBackfillJobKey(job.scope), type: 'SearchBackfillJob', ...next },
        ...(job.version === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :seen', ExpressionAttributeValues: { ':seen': job.version } }),
      }),
    );
    return next;
  } catch (error) {
    if (isConditionFailure(error)) throw new BackfillTakenOver({ cause: error });
    throw error;
  }
}

export interface StoredPatientNames {
  id: string;
  nom: string;
  /** Absent on an item written without one. */
  prenom?: string;
}

/** A page of an organisation's patients (their names only) after the patient sort key `after`. */
export async function patientsPage(
  organisationId: string,
  after: string | undefined,
  limit: number,
): Promise<{ patients: StoredPatientNames[]; last?: string; more: boolean }> {
  const pk = organisationPk(organisationId);
  const page = await db.send(
    new QueryCommand({
      TableName: TABLE,
      // A prefix read as the range it is (DynamoDB Local answers begins_with by reading the whole partition).
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': PATIENT_SK_PREFIX, ':to': `${PATIENT_SK_PREFIX}\u{10FFFF}` },
      ExpressionAttributeNames: { '#id': 'id', '#nom': 'nom', '#prenom': 'prenom' },
      ProjectionExpression: 'sk, #id, #nom, #prenom',
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  const items = page.Items ?? [];
  const last = items.at(-1);
  return {
    patients: items.map((item) => ({
      id: String(item.id),
      nom: String(item.nom ?? ''),
      ...(typeof item.prenom === 'string' ? { prenom: item.prenom } : {}),
    })),
    ...(last ? { last: String(last.sk) } : {}),
    more: page.LastEvaluatedKey !== undefined,
  };
}

/** Of `entries`, those that are not in the table (100 keys per BatchGetItem). */
export async function missingEntries(entries: readonly NameEntry[]): Promise<NameEntry[]> {
  const found = new Set<string>();
  for (let start = 0; start < entries.length; start += 100) {
    const keys = entries.slice(start, start + 100).map((entry) => ({ pk: entry.pk, sk: entry.sk }));
    for (const item of await batchGet(keys)) found.add(`${item.pk}|${item.sk}`);
  }
  return entries.filter((entry) => !found.has(`${entry.pk}|${entry.sk}`));
}

/**
 * Writes a patient's missing entries with a check that the patient still has the names they were built from.
 * False when it has not (renamed or deleted meanwhile: that change wrote or removed the entries itself).
 */
export async function writeEntries(organisationId: string, patient: StoredPatientNames, entries: readonly NameEntry[]): Promise<boolean> {
  try {
    await transact([
      {
        item: {
          ConditionCheck: {
            TableName: TABLE,
            Key: patientKey(organisationId, patient.id),
            ConditionExpression: `attribute_exists(pk) AND nom = :nom AND ${patient.prenom === undefined ? 'attribute_not_exists(prenom)' : 'prenom = :prenom'}`,
            ExpressionAttributeValues: { ':nom': patient.nom, ...(patient.prenom === undefined ? {} : { ':prenom': patient.prenom }) },
          },
        },
        guard: GUARD.patient,
      },
      ...entries.map((entry) => ({ item: { Put: { TableName: TABLE, Item: nameEntryItem(entry) } } })),
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error, GUARD.patient)) return false;
    throw error;
  }
}
