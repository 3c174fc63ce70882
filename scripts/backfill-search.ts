// `npm run backfill:search`: writes the patients' name-index entries (search, sort=name) for every patient written
// before the index existed, resumably: its progress is a job item in the table (BACKFILL#PATIENT_SEARCH#<scope>), so
// a run stopped anywhere (Ctrl-C, a kill, --max-patients) goes on from its last checkpoint when run again, and a run
// after it finished does nothing (--restart starts over; entries already present are never written again).
//   npm run backfill:search [-- --organisation <id>] [--max-patients N] [--restart]
// Target: the running local stack (runtime.json in CABINET_STATE_DIR or ./.cabinet-local), or a deployed table with
// --table-name <name> --region <region> (AWS credentials from the default provider chain).
// A one-shot script rather than a scheduled worker: the work ends once every patient has its entries (new writes
// carry theirs), and a worker would keep a schedule, a function and its table rights for nothing after that.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '../local/quiet-sdk.ts';

const { values: flags } = parseArgs({
  options: {
    organisation: { type: 'string' },
    'max-patients': { type: 'string' },
    restart: { type: 'boolean', default: false },
    'table-name': { type: 'string' },
    region: { type: 'string' },
  },
  strict: true,
});

if (flags['table-name']) {
  const region = flags.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('--region (or AWS_REGION) is required with --table-name');
  Object.assign(process.env, { TABLE_NAME: flags['table-name'], AWS_REGION: region });
} else {
  const stateDir = resolve(process.env.CABINET_STATE_DIR ?? '.cabinet-local');
  const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as {
    tableName: string;
    dynamoEndpoint: string;
    region: string;
  };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: info.region,
    TABLE_NAME: info.tableName,
    DYNAMODB_ENDPOINT: info.dynamoEndpoint,
  });
}

const { backfillSearchKeys } = await import('../functions/use-cases/patient-search-backfill.ts');
const { searchBackfillScope } = await import('../functions/domain/patient-search.ts');
const maxPatients = flags['max-patients'] ? Number(flags['max-patients']) : undefined;
const summary = await backfillSearchKeys(searchBackfillScope(flags.organisation), {
  deadlineMs: Number.POSITIVE_INFINITY,
  ...(maxPatients ? { maxPatients } : {}),
  restart: flags.restart === true,
});
console.log(JSON.stringify(summary));
