export { createGateway, type GatewayHandler, type GatewayOptions, MAX_BODY_BYTES } from './gateway';
export { BodyTooLargeError, readBody } from './read-body';
export type { GatewayError } from './respond';
