export { discoverFunctions, type FunctionDefinition } from './discover-functions';
export {
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  type FunctionConfig,
  FunctionConfigError,
  parseFunctionConfig,
  type TimerTrigger,
} from '../../../tools/function-config';
export { bundleWxServerSdk } from './sdk-bundle';
export { MAX_EVENT_DEPTH, nestedDeeperThan } from './event-depth';
export type { PoolStats } from './function-pool';
export {
  type ActiveInvocation,
  DEFAULT_ENV_ID,
  FunctionRunner,
  type FunctionRunnerOptions,
  type InvokeOptions,
  type InvokeResult,
} from './function-runner';
export { FunctionInvocationError, functionNotFound, type InvocationFailure } from './invocation-errors';
export type { Caller, InvocationSource } from './invocation-env';
export {
  formatFunctionOutput,
  formatInvocationRecord,
  type FunctionOutput,
  hashOpenid,
  type InvocationOutcome,
  type InvocationRecord,
} from './invocation-log';
export {
  calleeCaller,
  handleInvokeFunction,
  INVOKE_FUNCTION_ACTION,
  type InvokeFunctionAnswer,
} from './invoke-function-action';
