// One run of the organisation deletion worker in a process of its own, as Lambda runs it, so a test can kill it
// outright (SIGKILL: no clean-up, no release) in the middle of a deletion. The environment names the table and
// DynamoDB endpoint; the run's budget is DELETION_RUN_SECONDS.
import '../../local/quiet-sdk.ts';

const { handler } = await import('../../functions/jobs/organisation-deletion.ts');
const run = await handler();
process.stdout.write(`${JSON.stringify(run)}\n`);
