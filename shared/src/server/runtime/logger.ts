/**
 * Structured logs: one JSON line per event, carrying the function name and the request id so a line in
 * the cloud console leads to the invocation. The only module allowed to write to the console.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const sinks: Record<LogLevel, (line: string) => void> = {
  /* eslint-disable no-console */
  debug: (line) => console.debug(line),
  info: (line) => console.info(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
  /* eslint-enable no-console */
};

export function createLogger(base: Record<string, unknown>): Logger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>) =>
    sinks[level](JSON.stringify({ level, message, ...base, ...fields }));
  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** What to log about an unexpected error: its name, message and stack, kept in logs and never returned. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { errorName: error.name, errorMessage: error.message, stack: error.stack };
  return { errorValue: String(error) };
}
