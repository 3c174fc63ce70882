// Rehearses the restore runbook (docs/restore.md) on the local stack: exports the table the running `npm start` serves
// (every item, to a JSON-lines file, as DynamoDB's export writes them), restores the export into a new table of the
// same DynamoDB Local (the table definition CDK deploys, TTL included), and checks the new table holds every item.
// Then stop `npm start` and start it against the restored table, as a deployment adopts one with -c tableName:
//   npm run restore-rehearsal -- --to cabinet-restored
//   CABINET_TABLE_NAME=cabinet-restored npm start
// DynamoDB Local has no point-in-time recovery: the export is the rehearsal's "point in time". The state directory is
// CABINET_STATE_DIR's (default .cabinet-local), whose runtime.json says where the stack's DynamoDB Local listens.
import { createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import '../local/quiet-sdk.ts';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { dynamoClient, ensureTable } from '../local/bootstrap.ts';
import type { StackInfo } from '../local/child-stack.ts';

const { values: flags } = parseArgs({
  options: {
    to: { type: 'string' },
    from: { type: 'string' },
  },
});

const stateDir = resolve(process.env.CABINET_STATE_DIR ?? '.cabinet-local');
const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as StackInfo;
const source = flags.from ?? info.tableName;
const target = flags.to;
if (!target || !/^[A-Za-z0-9_.-]{3,255}$/.test(target)) {
  console.error('Usage: npm run restore-rehearsal -- --to <new table name> [--from <table>] (3 to 255 letters, digits, _ - .)');
  process.exit(2);
}
if (target === source) {
  console.error(`--to must name a new table, not the one being exported (${source})`);
  process.exit(2);
}

const ddb = dynamoClient(info.dynamoEndpoint);

async function exists(tableName: string): Promise<boolean> {
  try {
    await ddb.send(new DescribeTableCommand({ TableName: tableName }));
    return true;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}

/** Every item of `tableName`, page by page, one DynamoDB-JSON line per item (`{"Item":{…}}`, the export format). */
async function exportTable(tableName: string, file: string): Promise<number> {
  const lines: string[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey }));
    for (const item of page.Items ?? []) lines.push(JSON.stringify({ Item: item }));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  writeFileSync(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return lines.length;
}

async function writeBatch(tableName: string, items: Record<string, AttributeValue>[]): Promise<void> {
  let requests = items.map((Item) => ({ PutRequest: { Item } }));
  for (let attempt = 0; requests.length > 0; attempt++) {
    if (attempt === 10) throw new Error(`${requests.length} items still unprocessed after 10 attempts`);
    const { UnprocessedItems } = await ddb.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
    requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    if (requests.length > 0) await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
  }
}

/** Creates `tableName` as CDK defines the table, then writes every exported item into it, 25 at a time. */
async function importFile(tableName: string, file: string): Promise<number> {
  await ensureTable(ddb, tableName);
  let batch: Record<string, AttributeValue>[] = [];
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (!line) continue;
    batch.push((JSON.parse(line) as { Item: Record<string, AttributeValue> }).Item);
    if (batch.length === 25) {
      await writeBatch(tableName, batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await writeBatch(tableName, batch);
  return count + batch.length;
}

async function countItems(tableName: string): Promise<number> {
  let count = 0;
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await ddb.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ConsistentRead: true, ExclusiveStartKey }));
    count += page.Count ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return count;
}

if (await exists(target)) {
  console.error(`Table ${target} already exists: a restore always goes to a new table (pick another --to, or delete it first)`);
  process.exit(1);
}
const exportsDir = join(stateDir, 'exports');
mkdirSync(exportsDir, { recursive: true });
const file = join(exportsDir, `${source}-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`);
const exported = await exportTable(source, file);
console.log(`Exported ${exported} items of ${source} to ${file}`);
const imported = await importFile(target, file);
const counted = await countItems(target);
if (counted !== exported) {
  console.error(`Restored ${imported} items into ${target}, but it holds ${counted}: the restore is incomplete`);
  process.exit(1);
}
console.log(`Restored ${counted} items into ${target} (table definition of functions/core/table.ts, TTL on).`);
console.log(`Now stop npm start and start it against the restored table:\n  CABINET_TABLE_NAME=${target} npm start`);
