/**
 * The console's side of the platform tests: staff accounts written as the seed writes them, and calls to
 * the bundled `adminApi` function through the emulator's HTTP access service, as the console makes them.
 */
import { ADMIN_API_PREFIX, bearer } from '../../contracts/admin';
import type { StaffRole } from '../../domain/staff.schema';
import type { Platform } from '../../../../testing/platform';
import { hashPassword } from '../runtime/secrets';

export interface StaffOptions {
  readonly role?: StaffRole;
  readonly merchantId?: string;
  readonly mustChangePassword?: boolean;
  readonly status?: 'active' | 'disabled';
}

/**
 * scrypt at a sixteenth of the functions' cost: a full-cost hash takes 75 ms of CPU to make and again to check
 * at each sign-in, and the tests sign in hundreds of times. The functions verify at whatever cost a hash names.
 */
const FIXTURE_COST = { N: 1024, r: 8, p: 1 };

/** A staff account with this password; answers its id. */
export async function addStaff(platform: Platform, account: string, password: string, options: StaffOptions = {}) {
  const role = options.role ?? 'ops';
  const now = Date.now();
  const staffId = `st-${account}`;
  await platform.insert('staff', [
    {
      _id: staffId,
      account,
      name: `员工${account}`,
      role,
      ...(role === 'merchant' ? { merchantId: options.merchantId ?? 'm-test' } : {}),
      status: options.status ?? 'active',
      passwordHash: await hashPassword(password, FIXTURE_COST),
      mustChangePassword: options.mustChangePassword ?? false,
      failedSignIns: 0,
      sessionsValidFrom: 0,
      createdAt: now,
      updatedAt: now,
    },
  ]);
  return staffId;
}

export interface AdminAnswer<T = unknown> {
  readonly status: number;
  readonly body: { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
}

/**
 * `POST /admin-api/<action>` as the console sends it: over HTTP to the emulator's HTTP access service, which
 * hands the bundled function the integration request CloudBase builds.
 */
export async function adminCall<T = unknown>(
  platform: Platform,
  action: string,
  body: unknown,
  token?: string,
): Promise<AdminAnswer<T>> {
  return platform.post<AdminAnswer<T>['body']>(
    `${ADMIN_API_PREFIX}/${action}`,
    body,
    token ? { authorization: bearer(token) } : {},
  );
}

/** Signs in and answers the session token. */
export async function signIn(platform: Platform, account: string, password: string): Promise<string> {
  const answer = await adminCall<{ token: string }>(platform, 'staffLogin', { account, password });
  if (!answer.body.ok) throw new Error(`staffLogin ${account}: ${answer.body.error.code}`);
  return answer.body.data.token;
}

/**
 * `POST /admin-api/<action>?<query>` with a file as the body, over HTTP as the console sends it (the HTTP
 * access service hands the function a binary body base64-encoded).
 */
export async function adminUpload<T = unknown>(
  platform: Platform,
  action: string,
  query: Record<string, string>,
  file: { readonly bytes: Uint8Array; readonly contentType: string },
  token?: string,
): Promise<AdminAnswer<T>> {
  const response = await fetch(`${platform.emulator.url}${ADMIN_API_PREFIX}/${action}?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { 'content-type': file.contentType, ...(token ? { authorization: bearer(token) } : {}) },
    body: file.bytes,
  });
  return { status: response.status, body: (await response.json()) as AdminAnswer<T>['body'] };
}
