// Structured JSON logs through Powertools for AWS Lambda's Logger: one JSON line per call, with the invocation's
// context (log-context.ts: request id, route, function, cold start, organisation and user). The level comes from
// configuration: Lambda's application log level (AWS_LAMBDA_LOG_LEVEL, set by CDK's `logLevel` context), else
// POWERTOOLS_LOG_LEVEL or LOG_LEVEL (either case). Callers pass explicit fields; bodies, tokens, passwords, codes and
// addresses are never logged (test/integration/log-secrets.test.ts greps the whole stack log for every secret).
import { Logger } from '@aws-lambda-powertools/logger';
import { logContext } from './log-context.ts';

const configuredLevel = (process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL)?.toUpperCase();

export const powertoolsLogger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'cabinet',
  ...(configuredLevel ? { logLevel: configuredLevel as 'DEBUG' } : {}),
});

type Fields = Record<string, unknown>;

const withContext = (fields: Fields): Fields => ({ ...logContext(), ...fields });

export const logger = {
  debug: (message: string, fields: Fields = {}) => powertoolsLogger.debug(message, withContext(fields)),
  info: (message: string, fields: Fields = {}) => powertoolsLogger.info(message, withContext(fields)),
  warn: (message: string, fields: Fields = {}) => powertoolsLogger.warn(message, withContext(fields)),
  error: (message: string, fields: Fields = {}) => powertoolsLogger.error(message, withContext(fields)),
};
