// Runs the account sweeper once against the test stack, as `npm run sweep-accounts` does by hand, and returns its
// summary (use-cases/orphans.ts AccountSweepSummary). `args`: the script's options (--reconcile, --max-work, …).
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { stack } from './api.ts';

const run = promisify(execFile);

export interface SweepSummary {
  checks: number;
  orphansFound: number;
  orphansDeleted: number;
  accountsChecked: number;
  deletedAccounts: number;
  membershipsSuspended: number;
  lastAdminsLeft: number;
  cognitoCalls: { AdminGetUser: number; AdminDeleteUser: number; ListUsers: number };
  complete: boolean;
}

export async function sweepAccounts(...args: string[]): Promise<SweepSummary> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/sweep-accounts.ts', ...args], {
    env: { ...process.env, CABINET_STATE_DIR: dirname(stack().logFile ?? ''), LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SweepSummary;
}
