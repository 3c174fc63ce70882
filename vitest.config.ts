// Unit, infrastructure and integration tests in one `npm test`. Only the integration project starts the local
// stack (globalSetup); `npx vitest run --project unit` or `--project infra` run without it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // The integration files mostly wait on HTTP and the emulators, so more files than cores run at once.
    maxWorkers: 4,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        // Modules that hold a DynamoDB client read their configuration at load; nothing here reaches a network.
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          env: {
            TABLE_NAME: 'cabinet-unit',
            AWS_REGION: 'local',
            HOSTED_LOGIN_URL: 'https://cabinet-unit.auth.eu-west-3.amazoncognito.com',
            WEB_CLIENT_ID: 'unitwebclient',
            EMAIL_FROM: 'Cabinet <no-reply@example.org>',
            APP_URL: 'https://app.example.org',
          },
        },
      },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
