/**
 * The console's one way to the server: `callAdmin(action, request)` posts the request to
 * `<apiBase>/<action>` and answers the action's envelope, typed and parsed by its contract, so a field
 * the server renamed is a type error at build time and an INTERNAL failure (never an `undefined` on a
 * page) at run time. Failures are values, as in the mini-program's `callFunction`: every one carries a
 * Chinese message a page can show as it is.
 *
 * - 401 from an action that needs a session: the session is gone (expired, revoked, forged): it is
 *   cleared with the server's message, and the router takes the page to the login (see router/guard.ts).
 * - PASSWORD_CHANGE_REQUIRED: the staff member is marked as needing a new password; the router goes to
 *   the change-password page.
 * - No answer (network down, server not running, timeout) or an answer that is not the envelope (a
 *   gateway's HTML error page): UNAVAILABLE with a message saying which.
 *
 * Each action's contract is loaded on its first call (`adminContractLoaders`), not imported here: the
 * first download keeps only the contracts of signing in and the account's own actions, and a page brings
 * its actions' contracts with it.
 */
import {
  ADMIN_AUTH_HEADER,
  type AdminAction,
  type AdminContractOf,
  adminContractLoaders,
  adminEnvelopeSchema,
  type AdminRequestOf,
  type AdminResponseOf,
  bearer,
  type Envelope,
  type ErrorCode,
  ERROR_MESSAGES,
  failure,
  isErrorCode,
} from '@shared/admin-client';

export type AdminRequest<A extends AdminAction> = AdminRequestOf<AdminContractOf<A>>;
export type AdminResponse<A extends AdminAction> = AdminResponseOf<AdminContractOf<A>>;
export type AdminResult<A extends AdminAction> = Envelope<AdminResponse<A>>;
export type AdminFailure = Extract<Envelope<unknown>, { ok: false }>;

const fail = (code: ErrorCode, message?: string): AdminFailure => failure(code, message) as AdminFailure;

/** `file` is the body of an upload action (its contract has `upload`); the request goes in the query string. */
export type CallAdmin = <A extends AdminAction>(
  action: A,
  request: AdminRequest<A>,
  file?: Blob,
) => Promise<AdminResult<A>>;

export const NETWORK_ERROR_MESSAGE = '无法连接服务器，请检查网络后重试';
export const TIMEOUT_MESSAGE = '服务器响应超时，请稍后重试';
export const BAD_RESPONSE_MESSAGE = '服务器返回了无法识别的内容，请稍后重试';

export interface AdminClientOptions {
  /** `<origin><prefix>` or just `<prefix>` (same origin), without a trailing slash. */
  readonly apiBase: string;
  /** The current session token, if signed in. */
  readonly token: () => string | undefined;
  /** The session is no longer valid: sign out locally, keeping the server's message to show. */
  readonly onSessionInvalid: (message: string) => void;
  /** The server refuses everything until the password is changed. */
  readonly onPasswordChangeRequired: () => void;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export function createAdminClient(options: AdminClientOptions): CallAdmin {
  const apiBase = options.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async function callAdmin<A extends AdminAction>(action: A, request: AdminRequest<A>, file?: Blob) {
    let contract: AdminContractOf<A>;
    try {
      contract = await contractOf(action);
    } catch {
      // The contract's chunk did not load (the network, or a console deployed anew meanwhile).
      return fail('UNAVAILABLE', NETWORK_ERROR_MESSAGE);
    }
    const needsSession = contract.roles !== 'public';

    const parsedRequest = contract.request.safeParse(request);
    if (!parsedRequest.success) {
      const own = parsedRequest.error.issues.find((issue) => /[\u4e00-\u9fa5]/.test(issue.message));
      return fail('INVALID_ARGUMENT', own?.message ?? ERROR_MESSAGES.INVALID_ARGUMENT);
    }

    // An upload sends the file itself, of a type and size its contract allows, and the request as the query.
    const upload = contract.upload;
    if (upload && !file) return fail('INVALID_ARGUMENT', '请选择文件');
    if (upload && file) {
      if (!(upload.contentTypes as readonly string[]).includes(file.type)) {
        return fail('INVALID_ARGUMENT', '只能上传 JPG、PNG 或 WebP 图片');
      }
      if (file.size === 0 || file.size > upload.maxBytes) {
        return fail('INVALID_ARGUMENT', `图片不能超过 ${Math.floor(upload.maxBytes / 1024 / 1024)} MB`);
      }
    }
    const query = upload
      ? `?${new URLSearchParams(Object.entries(parsedRequest.data as Record<string, unknown>).map(([k, v]) => [k, String(v)]))}`
      : '';

    const headers: Record<string, string> = {
      'content-type': upload && file ? file.type : 'application/json',
      accept: 'application/json',
    };
    if (needsSession) {
      const token = options.token();
      if (!token) return sessionInvalid(fail('SESSION_INVALID'));
      headers[ADMIN_AUTH_HEADER] = bearer(token);
    }

    let response: Response;
    try {
      response = await (options.fetch ?? fetch)(`${apiBase}/${action}${query}`, {
        method: 'POST',
        headers,
        body: upload && file ? file : JSON.stringify(parsedRequest.data),
        credentials: 'omit',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return fail('UNAVAILABLE', timedOut ? TIMEOUT_MESSAGE : NETWORK_ERROR_MESSAGE);
    }

    // A download answers the file itself; a refusal is still the envelope.
    const type = response.headers.get('content-type') ?? '';
    if (contract.download && response.ok && !type.includes('application/json')) {
      const content = await response.text();
      const filename = filenameOf(response.headers.get('content-disposition')) ?? `${action}.csv`;
      return { ok: true, data: { filename, contentType: type, content } } as AdminResult<A>;
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }

    const result = readEnvelope(contract, response.status, body);
    if (!result.ok) {
      if (needsSession && (response.status === 401 || result.error.code === 'SESSION_INVALID')) {
        return sessionInvalid(result);
      }
      if (result.error.code === 'PASSWORD_CHANGE_REQUIRED') options.onPasswordChangeRequired();
    }
    return result;
  };

  function sessionInvalid(result: AdminFailure): AdminFailure {
    options.onSessionInvalid(result.error.message);
    return result;
  }
}

const loaded = new Map<AdminAction, Promise<unknown>>();

/** The action's contract, loaded once (a load that failed is tried again on the next call). */
function contractOf<A extends AdminAction>(action: A): Promise<AdminContractOf<A>> {
  let contract = loaded.get(action) as Promise<AdminContractOf<A>> | undefined;
  if (!contract) {
    const loader: () => Promise<AdminContractOf<A>> = adminContractLoaders[action];
    contract = loader();
    loaded.set(action, contract);
    contract.catch(() => loaded.delete(action));
  }
  return contract;
}

/**
 * Loads every action's contract now (each once; a failure is left for the action's own call to report). The
 * signed-in layout calls it when the browser is idle, so a page's first action does not wait for its
 * contract's chunk; the first visit, signed out, never loads them.
 */
export async function preloadContracts(): Promise<void> {
  await Promise.allSettled((Object.keys(adminContractLoaders) as AdminAction[]).map((action) => contractOf(action)));
}

/** The envelope in a response body, or the failure that best describes a body that is not one. */
function readEnvelope<A extends AdminAction>(
  contract: AdminContractOf<A>,
  status: number,
  body: unknown,
): AdminResult<A> {
  const parsed = adminEnvelopeSchema(contract).safeParse(body);
  if (parsed.success) return parsed.data as AdminResult<A>;

  // An error envelope with a code this console does not know yet (a newer server): keep its message.
  const error = failureBody(body);
  if (error) return fail(isErrorCode(error.code) ? error.code : 'INTERNAL', error.message);

  // A success whose data does not match the contract (the server and the console disagree), or a 2xx
  // that is not the envelope at all.
  if ((isRecord(body) && body.ok === true) || (status >= 200 && status < 300)) {
    return fail('INTERNAL', BAD_RESPONSE_MESSAGE);
  }

  // Not the envelope at all: a gateway's own answer (HTML error page, rate limit, missing route).
  const code: ErrorCode = status === 401 ? 'SESSION_INVALID' : status === 429 ? 'RATE_LIMITED' : 'UNAVAILABLE';
  return fail(code, code === 'UNAVAILABLE' ? `${ERROR_MESSAGES.UNAVAILABLE}（HTTP ${status}）` : undefined);
}

function failureBody(body: unknown): { code: string; message: string } | undefined {
  if (!isRecord(body) || body.ok !== false || !isRecord(body.error)) return undefined;
  const { code, message } = body.error;
  return typeof message === 'string' && message !== '' ? { code: String(code), message } : undefined;
}

/** The file name a `content-disposition` header gives (its UTF-8 `filename*` first). */
export function filenameOf(disposition: string | null): string | undefined {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
