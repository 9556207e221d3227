/**
 * A function reached through CloudBase's HTTP access service (HTTP 访问服务): the console's API. The service
 * hands the function an integration request (`path`, `httpMethod`, `headers`, `body`, `isBase64Encoded`)
 * and sends back its integration response (`statusCode`, `headers`, `body`). One function serves every
 * action under one path prefix (`POST <prefix>/<action>`), so the console costs one route, one cold start
 * and one function in the environment.
 *
 * For each request: parse the event; find the action; authenticate the Bearer token as a staff session
 * (unless the action is public); authorise the action for the staff member's role (and hold back everything
 * but their own account's actions while they must change their password); parse the body with the action's
 * contract; run the use case; and answer the `{ ok, data | error }` envelope with the HTTP status the error
 * code maps to. An audited action that succeeds without writing its audit entry is a bug, answered 500.
 * Internals never leave: unexpected errors are logged with the request id and answered INTERNAL.
 */
import {
  type AdminContract,
  adminHttpStatus,
  type AdminResponseOf,
  bearerToken,
  type ParsedAdminRequestOf,
} from '../../contracts/admin';
import type { StaffRole } from '../../domain/staff.schema';
import { type Envelope, failure, success } from '../../kernel/envelope';
import { ERROR_MESSAGES, type ErrorCode, isDomainError } from '../../kernel/errors';
import { type InvocationContext, issuePaths, openInvocation, type RuntimeOptions } from './call-context';
import { describeError } from './logger';
import type { ScfContext } from './wx-context';

/** What the HTTP access service hands the function. */
export interface HttpEvent {
  readonly path?: string;
  readonly httpMethod?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly queryStringParameters?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
}

/** What the function hands back: all four fields, so the service never guesses. */
export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly isBase64Encoded: false;
}

/** The signed-in member of staff, as their session says. */
export interface StaffPrincipal {
  readonly staffId: string;
  readonly account: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly merchantId?: string;
  readonly mustChangePassword: boolean;
  /** The session's stored id (the token's hash). */
  readonly sessionId: string;
}

/** What an action writes to the audit log: its target, and what it was before and after. */
export interface AuditEntry {
  readonly target: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Who acted, when no session says so (signing in). */
  readonly actor?: { readonly staffId: string; readonly account: string; readonly role: StaffRole };
}

export interface AuditRecord extends AuditEntry {
  readonly action: string;
  readonly staffId: string;
  readonly account: string;
  readonly role: StaffRole | 'unknown';
  readonly requestId: string;
  readonly at: number;
}

export interface AdminCallContext extends InvocationContext {
  /** The staff member; undefined only in a public action. */
  readonly staff: StaffPrincipal | undefined;
  /** The session token the request carried, if any. */
  readonly token: string | undefined;
  /** Writes an entry to the audit log (an audited action must, before it succeeds). */
  audit(entry: AuditEntry): Promise<void>;
}

export type AdminUseCase<C extends AdminContract> = (
  input: ParsedAdminRequestOf<C>,
  ctx: AdminCallContext,
) => Promise<AdminResponseOf<C>>;

/** An HTTP function's contract: its name, its route's path prefix, and its actions' contracts by name. */
export interface HttpContract<Actions extends Readonly<Record<string, AdminContract>>> {
  readonly name: string;
  /** `/admin-api`: the route's path; actions are `<prefix>/<action>`. */
  readonly prefix: string;
  readonly actions: Actions;
}

/** What serves an HTTP contract: a use case per action, and how sessions and the audit log are reached. */
export interface HttpApi<Actions extends Readonly<Record<string, AdminContract>>> {
  readonly useCases: { readonly [K in keyof Actions]: AdminUseCase<Actions[K]> };
  /** The staff member a session token belongs to, or undefined (no such session, expired, revoked). */
  authenticate(token: string, ctx: InvocationContext): Promise<StaffPrincipal | undefined>;
  /** Stores an audit record. */
  writeAudit(record: AuditRecord): Promise<void>;
}

export type HttpMain = (event: unknown, context?: ScfContext) => Promise<HttpReply>;

/** The HTTP access service's body limit for text. */
export const MAX_BODY_BYTES = 100 * 1024;

/** The console's origin, when it is served from another one than the API (production: its hosting domain). */
const allowedOrigin = (): string | undefined => process.env.ADMIN_CONSOLE_ORIGIN || undefined;

function lowerCased(headers: HttpEvent['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {}))
    if (typeof value === 'string') out[key.toLowerCase()] = value;
  return out;
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin();
  return origin !== undefined && allowed !== undefined && origin === allowed
    ? { 'access-control-allow-origin': origin, vary: 'origin' }
    : {};
}

function reply(status: number, envelope: Envelope<unknown> | null, extra: Record<string, string> = {}): HttpReply {
  return {
    statusCode: status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...extra,
    },
    body: envelope ? JSON.stringify(envelope) : '',
    isBase64Encoded: false,
  };
}

/** What a download action answers. */
interface DownloadedFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: string;
}

/** A file for the browser to save, its name encoded as RFC 6266 asks (Chinese names included). */
function fileReply(file: DownloadedFile, cors: Record<string, string>): HttpReply {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="download"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...cors,
      ...(Object.keys(cors).length > 0 ? { 'access-control-expose-headers': 'content-disposition' } : {}),
    },
    body: file.content,
    isBase64Encoded: false,
  };
}

const refused = (code: ErrorCode, cors: Record<string, string>, message?: string) =>
  reply(adminHttpStatus(code), failure(code, message), cors);

/** The JSON body, or a reason it is not one. */
function bodyOf(event: HttpEvent): { ok: true; value: unknown } | { ok: false; why: string } {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) return { ok: false, why: '请求内容过大' };
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, why: '请求内容不是 JSON' };
  }
}

export function defineHttpFunction<Actions extends Readonly<Record<string, AdminContract>>>(
  contract: HttpContract<Actions>,
  api: HttpApi<Actions>,
  options: RuntimeOptions = {},
): HttpMain {
  return async (rawEvent, context) => {
    const ctx = openInvocation(contract.name, context, options);
    const event = (typeof rawEvent === 'object' && rawEvent !== null ? rawEvent : {}) as HttpEvent;
    const headers = lowerCased(event.headers);
    const cors = corsHeaders(headers.origin);
    const method = (event.httpMethod ?? '').toUpperCase();
    const path = event.path ?? '';
    try {
      if (method === 'OPTIONS') {
        return Object.keys(cors).length === 0
          ? refused('FORBIDDEN', cors)
          : reply(204, null, {
              ...cors,
              'access-control-allow-methods': 'POST',
              'access-control-allow-headers': 'authorization, content-type',
              'access-control-max-age': '600',
            });
      }
      const name = path.startsWith(`${contract.prefix}/`) ? path.slice(contract.prefix.length + 1) : '';
      if (method !== 'POST' || !Object.prototype.hasOwnProperty.call(contract.actions, name)) {
        return refused('NOT_FOUND', cors);
      }
      const action = contract.actions[name] as AdminContract;
      const useCase = api.useCases[name] as AdminUseCase<AdminContract>;

      const token = bearerToken(headers.authorization);
      let staff: StaffPrincipal | undefined;
      if (action.roles !== 'public') {
        staff = token === undefined ? undefined : await api.authenticate(token, ctx);
        if (!staff) return refused('SESSION_INVALID', cors);
        if (!action.roles.includes(staff.role)) {
          ctx.log.warn('action refused for the role', { action: name, role: staff.role, staffId: staff.staffId });
          return refused('FORBIDDEN', cors);
        }
        if (staff.mustChangePassword && !action.beforePasswordChange) {
          return refused('PASSWORD_CHANGE_REQUIRED', cors);
        }
      }

      const body = bodyOf(event);
      if (!body.ok) return refused('INVALID_ARGUMENT', cors, `${ERROR_MESSAGES.INVALID_ARGUMENT}（${body.why}）`);
      const parsed = action.request.safeParse(body.value);
      if (!parsed.success) {
        ctx.log.info('invalid argument', { action: name, paths: issuePaths(parsed.error.issues) });
        const first = parsed.error.issues[0]?.message;
        return refused('INVALID_ARGUMENT', cors, first && /[\u4e00-\u9fa5]/.test(first) ? first : undefined);
      }

      let audited = 0;
      const audit = async (entry: AuditEntry) => {
        const actor = staff ?? entry.actor;
        await api.writeAudit({
          ...entry,
          action: name,
          staffId: actor?.staffId ?? '',
          account: actor?.account ?? '',
          role: actor?.role ?? 'unknown',
          requestId: ctx.requestId,
          at: ctx.clock.now(),
        });
        audited += 1;
      };
      const result = await useCase(parsed.data, { ...ctx, staff, token, audit });
      const checked = action.response.safeParse(result);
      if (!checked.success) {
        ctx.log.error('response broke its contract', { action: name, paths: issuePaths(checked.error.issues) });
        return refused('INTERNAL', cors);
      }
      if (action.audited && audited === 0) {
        ctx.log.error('an audited action wrote no audit entry', { action: name });
        return refused('INTERNAL', cors);
      }
      if (action.download) return fileReply(checked.data as DownloadedFile, cors);
      return reply(200, success(checked.data as AdminResponseOf<typeof action>), cors);
    } catch (error) {
      if (isDomainError(error)) {
        ctx.log.info('domain error', { code: error.code, detail: error.detail });
        return refused(error.code, cors);
      }
      ctx.log.error('unhandled error', describeError(error));
      return refused('INTERNAL', cors);
    }
  };
}
