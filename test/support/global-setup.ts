// Starts the real local stack (`local/start.ts`: DynamoDB Local, cognito-local, gateway) on free ports for the
// integration tests, and kills its whole process group afterwards so no Java process outlives the run.
import type { TestProject } from 'vitest/node';
import { type ChildStack, type StackInfo, startChildStack } from '../../local/child-stack.ts';

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
      // Every log line is kept (test/integration/mail-secrets.test.ts greps the whole log for secrets).
      LOG_LEVEL: 'debug',
      // A failed send is retried within seconds, not minutes, so the retry tests wait on the real sweeper.
      CABINET_MAIL_SWEEP_SECONDS: '1',
      MAIL_RETRY_BASE_SECONDS: '1',
      MAIL_RETRY_MAX_SECONDS: '2',
      // The suite's failed join-code guesses (a few dozen, from join-rate-limit.test.ts and others) must never meet the
      // platform-wide ceiling by chance; abuse-limits.test.ts tests that ceiling on a stack of its own.
      JOIN_CODE_FAILED_GUESSES_PER_WINDOW: '100000',
    },
  });
  project.provide('stack', stack.info);
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
