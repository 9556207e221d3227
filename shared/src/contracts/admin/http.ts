/**
 * How the console and the `adminApi` HTTP function meet on the wire. zod-free on purpose: the console's
 * Vite config (a node process) imports this file for its dev proxy.
 *
 * - Every action is `POST <ADMIN_API_PREFIX>/<action>` with a JSON body (the action's request contract).
 * - A signed-in call carries `Authorization: Bearer <token>`; no cookies are sent or set.
 * - Every answer is the `{ ok: true, data } | { ok: false, error: { code, message } }` envelope, with the
 *   HTTP status `adminHttpStatus(code)` gives (200 for success).
 */
import type { ErrorCode } from '../../kernel/errors';

/** The path prefix the HTTP access route, the emulator and the console's dev proxy share. */
export const ADMIN_API_PREFIX = '/admin-api';

/** Where the built console (admin/dist) is served: its Vite `base`, static hosting's folder, the emulator's path. */
export const ADMIN_CONSOLE_BASE = '/console/';

/** The request header that carries the staff session token, as `Bearer <token>`. */
export const ADMIN_AUTH_HEADER = 'authorization';

export type AdminHttpStatus = 200 | 400 | 401 | 403 | 404 | 409 | 429 | 500 | 503;

/**
 * The HTTP status of a failed action, by error code. Every code has an entry, so a new code cannot be
 * added without deciding its status. The console reacts to the status only for 401 (the session is gone:
 * it signs out and goes to the login page); everything else it shows as the envelope's message.
 */
export const ADMIN_HTTP_STATUS = {
  INVALID_ARGUMENT: 400,
  CONTENT_RISKY: 400,
  WRONG_PASSWORD: 400,
  NOT_ON_SELF: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_INVALID: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_TAKEN: 409,
  LAST_ACTIVE_OPS: 409,
  ACTIVITY_NOT_STARTED: 409,
  ACTIVITY_ENDED: 409,
  ACTIVITY_PAUSED: 409,
  GROUP_FULL: 409,
  GROUP_EXPIRED: 409,
  GROUP_SUCCEEDED: 409,
  GROUP_NOT_JOINABLE: 409,
  ALREADY_JOINED: 409,
  OWN_GROUP: 409,
  OUT_OF_STOCK: 409,
  LIMIT_EXCEEDED: 409,
  NEW_CUSTOMER_ONLY: 409,
  OUT_OF_SCOPE: 409,
  PICKUP_POINT_ONLY: 409,
  ORDER_NOT_PAYABLE: 409,
  PAYMENT_MISMATCH: 409,
  PAYMENT_FAILED: 409,
  REFUND_FAILED: 409,
  PRODUCT_OFF_SALE: 409,
  PRODUCT_INCOMPLETE: 409,
  PICKUP_POINT_INACTIVE: 409,
  GROUP_NOT_FORMING: 409,
  DEADLINE_NOT_EXTENDABLE: 400,
  GUARANTEE_NOT_MET: 409,
  ORDER_NOT_REFUNDABLE: 409,
  REFUND_EXCEEDS_PAID: 409,
  EXPORT_TOO_LARGE: 400,
  ORDER_NOT_SHIPPABLE: 409,
  PICKUP_CODE_INVALID: 409,
  ORDER_NOT_RECEIVABLE: 409,
  AFTER_SALE_NOT_ALLOWED: 409,
  AFTER_SALE_WINDOW_CLOSED: 409,
  AFTER_SALE_ALREADY_OPEN: 409,
  AFTER_SALE_NOT_ACTIONABLE: 409,
  ALREADY_LEADER: 409,
  LEADER_APPLICATION_OPEN: 409,
  LEADER_APPLICATION_NOT_ACTIONABLE: 409,
  PICKUP_POINT_TAKEN: 409,
  COMMISSION_TOO_HIGH: 400,
  WITHDRAWAL_BELOW_MINIMUM: 400,
  WITHDRAWAL_EXCEEDS_BALANCE: 409,
  WITHDRAWAL_DAILY_CAP: 409,
  WITHDRAWAL_NOT_ACTIONABLE: 409,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const satisfies Record<ErrorCode, AdminHttpStatus>;

export function adminHttpStatus(code: ErrorCode): AdminHttpStatus {
  return ADMIN_HTTP_STATUS[code];
}

/** The `Authorization` value for a token. */
export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/** The token in an `Authorization` header value, or undefined when there is none or it is not `Bearer`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i.exec(header ?? '');
  return match?.[1];
}
