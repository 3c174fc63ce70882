// Structured JSON logs. Callers pass explicit fields; bodies, tokens and passwords are never logged.
type Level = 'debug' | 'info' | 'warn' | 'error';

function write(level: Level, message: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields }, errorReplacer);
  if (level === 'error' || level === 'warn') console.error(line);
  else if (process.env.LOG_LEVEL !== 'silent') console.log(line);
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack, cause: value.cause };
  }
  return value;
}

export const logger = {
  debug: (message: string, fields: Record<string, unknown> = {}) => {
    if (process.env.LOG_LEVEL === 'debug') write('debug', message, fields);
  },
  info: (message: string, fields: Record<string, unknown> = {}) => write('info', message, fields),
  warn: (message: string, fields: Record<string, unknown> = {}) => write('warn', message, fields),
  error: (message: string, fields: Record<string, unknown> = {}) => write('error', message, fields),
};
