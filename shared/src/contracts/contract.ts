import { envelopeSchema } from '../kernel/envelope';
import type { ErrorCode } from '../kernel/errors';
import * as z from '../kernel/zod';
import type { ZodType } from '../kernel/zod';

/**
 * Who may call a function:
 * - `user`: a shopper from the mini-program; the runtime requires an OPENID in the WeChat context.
 * - `service`: another function, the cloud console or the platform (no OPENID needed).
 */
export type CallerKind = 'user' | 'service';

/** The request and response of one callable cloud function, shared by the function and the mini-program. */
export interface Contract<
  Name extends string = string,
  Req extends ZodType = ZodType,
  Res extends ZodType = ZodType,
  Caller extends CallerKind = CallerKind,
> {
  readonly name: Name;
  readonly caller: Caller;
  readonly request: Req;
  readonly response: Res;
  /** The refusals its use case may answer, besides the ones every function may (`RUNTIME_ERRORS`). */
  readonly errors: readonly ErrorCode[];
}

/** What any callable function may answer: a bad request, no WeChat identity, or an unexpected failure. */
export const RUNTIME_ERRORS = [
  'INVALID_ARGUMENT',
  'UNAUTHENTICATED',
  'INTERNAL',
] as const satisfies readonly ErrorCode[];

export function defineContract<
  Name extends string,
  Req extends ZodType,
  Res extends ZodType,
  Caller extends CallerKind = 'user',
>(contract: {
  name: Name;
  caller?: Caller;
  request: Req;
  response: Res;
  errors?: readonly ErrorCode[];
}): Contract<Name, Req, Res, Caller> {
  return { ...contract, caller: contract.caller ?? ('user' as Caller), errors: contract.errors ?? [] };
}

/** Whether a contract's function may answer `code`. */
export const mayAnswer = (contract: Contract, code: ErrorCode): boolean =>
  (RUNTIME_ERRORS as readonly ErrorCode[]).includes(code) || contract.errors.includes(code);

/** What the caller sends (before parsing: defaults may be omitted). */
export type RequestOf<C extends Contract> = z.input<C['request']>;
/** What the use case receives (after parsing). */
export type ParsedRequestOf<C extends Contract> = z.output<C['request']>;
/** What the use case returns and the caller receives inside `{ ok: true, data }`. */
export type ResponseOf<C extends Contract> = z.output<C['response']>;

export function responseEnvelopeSchema<C extends Contract>(contract: C) {
  return envelopeSchema(contract.response);
}

/** What ops send when they run a job by hand; its timer sends the platform's timer event instead. */
export const jobRunSchema = z.object({
  limit: z.number().int().min(1).max(10_000).optional(),
  dryRun: z.boolean().optional(),
  /** A shorter time budget than the contract's, never a longer one: a caller waiting for the run keeps within its own timeout. */
  budgetMs: z.number().int().min(100).max(60_000).optional(),
  /** The staff account a function runs the job for (the console's 立即执行): kept in the run's record, never trusted for access. */
  requestedBy: z.string().min(1).max(64).optional(),
});

/**
 * When a job's timer fires: the 7-field cron of its function's `config.json` trigger (sec min hour day month
 * weekday year, Asia/Shanghai) and how the console says it. A test holds the cron equal to config.json's.
 */
export interface JobSchedule {
  readonly cron: string;
  /** In Chinese, as the console shows it: `每分钟（第 0 秒）`. */
  readonly description: string;
}

const countSchema = z.number().int().nonnegative();

/** What every job reports: how much it looked at, how much it changed, how much it left for the next tick. */
export const jobReportSchema = z.object({ scanned: countSchema, changed: countSchema, remaining: countSchema });

/**
 * A timed job: run by its timer, by ops, or by another function, never by a shopper. It handles at most
 * `defaultLimit` items per run (ops may ask for another limit) within `budgetMs` of wall time, well under
 * the function's timeout, and reports what it did.
 */
export interface JobContract<Name extends string = string, Report extends ZodType = ZodType> {
  readonly name: Name;
  /** What the job is, in Chinese, as the console names it. */
  readonly title: string;
  readonly schedule: JobSchedule;
  readonly request: typeof jobRunSchema;
  readonly response: Report;
  readonly defaultLimit: number;
  readonly budgetMs: number;
}

export function defineJobContract<Name extends string, Extra extends z.ZodRawShape>(job: {
  name: Name;
  title: string;
  schedule: JobSchedule;
  /** The job's own figures beside scanned / changed / remaining. */
  report: Extra;
  defaultLimit: number;
  budgetMs: number;
}) {
  return {
    name: job.name,
    title: job.title,
    schedule: job.schedule,
    request: jobRunSchema,
    response: jobReportSchema.extend(job.report),
    defaultLimit: job.defaultLimit,
    budgetMs: job.budgetMs,
  } satisfies JobContract<Name>;
}

export type JobReportOf<C extends JobContract> = z.output<C['response']>;

/**
 * A platform callback (CloudPay's payment or refund result): only the payment platform may call it. It
 * answers `{ errcode: 0 }` once the effect is stored; anything else makes the platform deliver it again.
 */
export interface CallbackContract<Name extends string = string, Notification extends ZodType = ZodType> {
  readonly name: Name;
  readonly request: Notification;
  readonly response: typeof callbackReplySchema;
}

export const callbackReplySchema = z.object({ errcode: z.number().int(), errmsg: z.string() });
export type CallbackReply = z.infer<typeof callbackReplySchema>;

export function defineCallbackContract<Name extends string, Notification extends ZodType>(callback: {
  name: Name;
  notification: Notification;
}): CallbackContract<Name, Notification> {
  return { name: callback.name, request: callback.notification, response: callbackReplySchema };
}

export type NotificationOf<C extends CallbackContract> = z.output<C['request']>;

/**
 * A notification a payment platform posts over HTTP (WeChat Pay API v3: signed headers, a JSON body whose
 * `resource` is AES-GCM encrypted), served by an HTTP function at `path`. It answers 200 once the effect is stored
 * and 500 (WeChat sends it again) otherwise; one that does not verify is answered 401 and changes nothing.
 * `resource` describes what the decrypted resource carries.
 */
export interface NotifyContract<Name extends string = string, Resource extends ZodType = ZodType> {
  readonly name: Name;
  /** The HTTP access route (its function's `config.json` `http.path`). */
  readonly path: string;
  readonly eventType: string;
  readonly resource: Resource;
}

export function defineNotifyContract<Name extends string, Resource extends ZodType>(
  notify: NotifyContract<Name, Resource>,
): NotifyContract<Name, Resource> {
  return notify;
}
