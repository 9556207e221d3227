/**
 * The only module the mini-program imports from shared/. It is bundled by `npm run build:mp` into
 * `miniprogram/shared/client.js` and reached as `@shared/client` through app.json `resolveAlias`.
 * Nothing under `server/` may be reachable from here.
 */
export * from './contracts';
export * from './kernel';
