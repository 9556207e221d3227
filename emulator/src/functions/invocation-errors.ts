/**
 * How an invocation fails, in the platform's terms. `code` is the string CloudBase puts in an
 * `/admin` error answer (wx-server-sdk maps the ones it knows to a numeric errCode); `errCode`
 * and `errMsg` are what a mini-program sees in `cloud.callFunction:fail errCode: … | errMsg: …`.
 */
export type InvocationFailure = 'not_found' | 'timeout' | 'execute_fail' | 'throttled' | 'closed';

const PLATFORM: Record<InvocationFailure, { readonly code: string; readonly errCode: number }> = {
  not_found: { code: 'ResourceNotFound.FunctionName', errCode: -501000 },
  timeout: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', errCode: -504003 },
  execute_fail: { code: 'FUNCTIONS_EXECUTE_FAIL', errCode: -504002 },
  throttled: { code: 'EXCEED_CONCURRENT_REQUEST_LIMIT', errCode: -501004 },
  closed: { code: 'SYS_ERR', errCode: -501001 },
};

export class FunctionInvocationError extends Error {
  readonly code: string;
  readonly errCode: number;

  constructor(
    readonly failure: InvocationFailure,
    readonly errMsg: string,
  ) {
    super(errMsg);
    this.name = 'FunctionInvocationError';
    this.code = PLATFORM[failure].code;
    this.errCode = PLATFORM[failure].errCode;
  }
}

export const functionNotFound = () =>
  new FunctionInvocationError('not_found', 'FunctionName parameter could not be found.');

/** The platform's words, e.g. `Invoking task timed out after 5 seconds`. */
export const invocationTimedOut = (seconds: number) =>
  new FunctionInvocationError('timeout', `Invoking task timed out after ${seconds} seconds`);

/** `detail` is the thrown value as text (`Error: boom`), never a stack. */
export const executeFailed = (detail: string) => new FunctionInvocationError('execute_fail', detail);

export const concurrencyExceeded = (name: string, limit: number, queued: number) =>
  new FunctionInvocationError(
    'throttled',
    `function ${name} reached its concurrency limit (${limit} running, ${queued} queued)`,
  );

export const runnerClosed = () => new FunctionInvocationError('closed', 'the function runner is shut down');
