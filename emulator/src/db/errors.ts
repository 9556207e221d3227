import { MingoError } from 'mingo/util';

/** CloudBase error codes the emulator answers with (the SDK maps the DATABASE_* ones to numeric errCodes). */
export type ErrorCode =
  | 'DATABASE_COLLECTION_NOT_EXIST'
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_REQUEST_FAILED'
  | 'DATABASE_INVALID_OPERRATOR'
  | 'DATABASE_TRANSACTION_CONFLICT'
  | 'DATABASE_TRANSACTION_FAIL'
  | 'INVALID_PARAM'
  | 'INVALID_ACTION'
  | 'SYS_ERR';

/** An error that goes back to the SDK as HTTP 200 `{ code, message, requestId }`. */
export class CloudBaseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CloudBaseError';
  }
}

export const collectionNotExist = (name: string): CloudBaseError =>
  new CloudBaseError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`);

export const invalidParam = (message: string): CloudBaseError => new CloudBaseError('INVALID_PARAM', message);

export const requestFailed = (message: string): CloudBaseError =>
  new CloudBaseError('DATABASE_REQUEST_FAILED', message);

/** CloudBase's answer to a write that conflicts with another transaction (its exact text). */
export const transactionConflict = (): CloudBaseError =>
  new CloudBaseError(
    'DATABASE_TRANSACTION_CONFLICT',
    '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.',
  );

/** CloudBase's answer to any use of a transaction that was committed, aborted or timed out (its exact text). */
export const transactionNotExist = (): CloudBaseError =>
  new CloudBaseError(
    'DATABASE_TRANSACTION_FAIL',
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.',
  );

/** MongoDB's wording, so code that recognises E11000 in production recognises it here too. */
export const duplicateKey = (collection: string, index: string, key: string): CloudBaseError =>
  requestFailed(`E11000 duplicate key error collection: ${collection} index: ${index} dup key: { ${key} }`);

/**
 * mingo's words for an operator it does not know, in aggregation: an unknown expression operator falls through
 * to its accumulator lookup ("accumulator '$foo' is not registered."), an unknown stage is "unregistered".
 */
const UNKNOWN_EXPRESSION = /^accumulator '(\$[^']*)' is not registered\.?$/;
const UNKNOWN_STAGE = /^unregistered pipeline operator (\$\S*?)\.?$/;

/** Turns anything thrown while handling a request into the error the SDK receives. */
export function toCloudBaseError(error: unknown): CloudBaseError {
  if (error instanceof CloudBaseError) return error;
  if (error instanceof MingoError) {
    const expression = UNKNOWN_EXPRESSION.exec(error.message)?.[1];
    if (expression) return new CloudBaseError('DATABASE_INVALID_OPERRATOR', `unknown operator ${expression}`);
    const stage = UNKNOWN_STAGE.exec(error.message)?.[1];
    if (stage) return new CloudBaseError('DATABASE_INVALID_OPERRATOR', `unknown pipeline stage ${stage}`);
    return /unknown .*operator|is not registered|invalid .*operator/i.test(error.message)
      ? new CloudBaseError('DATABASE_INVALID_OPERRATOR', error.message)
      : requestFailed(error.message);
  }
  return new CloudBaseError('SYS_ERR', error instanceof Error ? error.message : String(error));
}
