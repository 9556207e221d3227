import { randomUUID } from 'node:crypto';
import type { ActiveInvocation, FunctionRunner } from './function-runner';
import { MAX_EVENT_DEPTH, nestedDeeperThan } from './event-depth';
import { FunctionInvocationError } from './invocation-errors';
import type { Caller } from './invocation-env';

/** The `/admin` answers node-sdk's `callFunction` reads: `data.response_data`, or `code`/`message`. */
export type InvokeFunctionAnswer =
  | { readonly requestId: string; readonly data: { readonly response_data: string } }
  | { readonly requestId: string; readonly code: string; readonly message: string };

export const INVOKE_FUNCTION_ACTION = 'functions.invokeFunction';

/**
 * Who a function called from another function is. `SOURCE` follows the call chain
 * (`wx_client` → `wx_client,scf`, per the getWXContext docs); OPENID/APPID/UNIONID travel with
 * the chain too. A call without a known invocation token (e.g. a script outside any function)
 * is plain `scf` with no user.
 */
export function calleeCaller(parent: ActiveInvocation | undefined): Caller {
  if (!parent) return { source: 'scf' };
  const { openid, appid, unionid } = parent.caller;
  return { openid, appid, unionid, source: `${parent.caller.source},scf` };
}

/**
 * Handles `POST /admin` with `action: "functions.invokeFunction"`, i.e. `cloud.callFunction({ name, data })`
 * from inside a function: body `function_name`, `request_data` (JSON text, `''` for no data) and the
 * calling invocation's `wxCloudApiToken`. Always resolves with the JSON the endpoint answers (HTTP 200).
 */
export async function handleInvokeFunction(
  runner: FunctionRunner,
  body: Readonly<Record<string, unknown>>,
): Promise<InvokeFunctionAnswer> {
  const name = body.function_name;
  if (typeof name !== 'string' || name === '') {
    return { requestId: randomUUID(), code: 'INVALID_PARAM', message: 'function_name must be a non-empty string' };
  }
  let data: unknown = {};
  if (typeof body.request_data === 'string' && body.request_data !== '') {
    try {
      data = JSON.parse(body.request_data);
    } catch {
      return { requestId: randomUUID(), code: 'INVALID_PARAM', message: 'request_data is not valid JSON' };
    }
    if (nestedDeeperThan(data, MAX_EVENT_DEPTH)) {
      const message = `request_data is nested deeper than ${MAX_EVENT_DEPTH} levels`;
      return { requestId: randomUUID(), code: 'INVALID_PARAM', message };
    }
  }
  const token = typeof body.wxCloudApiToken === 'string' ? body.wxCloudApiToken : '';
  try {
    const answer = await runner.invoke(name, data, calleeCaller(runner.activeInvocation(token)));
    return { requestId: answer.requestId, data: { response_data: answer.json } };
  } catch (error) {
    if (!(error instanceof FunctionInvocationError)) throw error;
    return { requestId: randomUUID(), code: error.code, message: error.errMsg };
  }
}
