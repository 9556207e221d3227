export type { InvocationContext, RuntimeOptions } from './call-context';
export * from './define-callback';
export * from './define-function';
export * from './define-trigger';
export { createLogger, type Logger } from './logger';
export { readWxContext, type ScfContext, type WxIdentity } from './wx-context';
// defineHttpFunction is imported from './define-http-function' by adminApi alone: re-exported here, its admin
// contracts' schemas would be built at every shopper function's cold start.
