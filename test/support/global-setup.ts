// Starts the real local stack (`local/start.ts`: DynamoDB Local, cognito-local, gateway) on free ports for the
// integration tests, and kills its whole process group afterwards so no Java process outlives the run.
import type { TestProject } from 'vitest/node';
import { type ChildStack, type StackInfo, startChildStack } from '../../local/child-stack.ts';
import { checkLogForSecrets } from './secrets.ts';

export type { StackInfo };

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

let stack: ChildStack | undefined;

export async function setup(project: TestProject): Promise<void> {
  stack = await startChildStack({
    flags: ['--fault-injection'],
    env: {
      // Every log line is kept: the teardown greps the whole log for every secret the run used (secrets.ts).
      LOG_LEVEL: 'debug',
      // An orphan Cognito user (a crash between the user and the transaction) may be removed after 8 s, not 15: the
      // crash tests wait that long. The account sweeper runs only by hand here (npm run sweep-accounts), so the tests
      // can tell what registration removes from what the sweeper does.
      CABINET_ORPHAN_MIN_AGE_SECONDS: '8',
      CABINET_ACCOUNT_SWEEP_SECONDS: '0',
      // A failed send is retried within seconds, not minutes, so the retry tests wait on the real sweeper.
      CABINET_MAIL_SWEEP_SECONDS: '1',
      MAIL_RETRY_BASE_SECONDS: '1',
      MAIL_RETRY_MAX_SECONDS: '2',
      // Failed join-code guesses count per client and per account: tests that guess from one address or account more
      // than the default 5 times must not be locked by chance; abuse-limits.test.ts tests the limit on its own stack.
      JOIN_CODE_FAILED_GUESSES_PER_WINDOW: '100000',
      // The deletion worker runs every second, each run for at most 2 s, so a deletion of a few thousand items takes
      // several runs, resumed from their checkpoints.
      CABINET_DELETION_SWEEP_SECONDS: '1',
      DELETION_RUN_SECONDS: '2',
    },
  });
  project.provide('stack', stack.info);
}

export async function teardown(): Promise<void> {
  try {
    // No token, password, join code or link token of this run in anything the stack logged (functions and gateway).
    const logFile = stack?.info.logFile;
    if (logFile) {
      const { checked, leaked } = checkLogForSecrets(logFile);
      if (leaked.length > 0) {
        // Vitest only logs an error thrown here: the exit code is what makes the run fail.
        process.exitCode = 1;
        throw new Error(
          `The stack's log holds ${leaked.length} of the ${checked} secrets this run used: ${leaked.map((s) => `${s.slice(0, 6)}…`).join(', ')}`,
        );
      }
      console.info(`Stack log checked: none of the ${checked} secrets this run used appears in it.`);
    }
  } finally {
    await stack?.stop();
  }
}
