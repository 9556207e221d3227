export type { InvocationContext, RuntimeOptions } from './call-context';
export * from './define-callback';
export * from './define-function';
export * from './define-trigger';
export { createLogger, type Logger } from './logger';
export { readWxContext, type ScfContext, type WxIdentity } from './wx-context';
export * from './define-http-function';
