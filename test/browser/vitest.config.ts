// `npm run test:browser`: the docs page in a real headless Chromium (Debian's `chromium`) against the local stack,
// started and stopped like the integration tests' (test/support/global-setup.ts). Kept out of `npm test`, which
// must run on a machine without a browser; .ci/run installs Chromium when it is missing and runs this.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
