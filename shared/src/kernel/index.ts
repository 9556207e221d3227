export * from './envelope';
export * from './errors';
export * as money from './money';
export type { Fen } from './money';
export * from './time';
