/** Server-only entry: cloud functions import from here. Never reachable from `client.ts`. */
export * from './runtime';
export { ping } from './use-cases/ping';
