import { envelopeSchema } from '../../kernel/envelope';
import type * as z from '../../kernel/zod';
import type { ZodType } from '../../kernel/zod';
import type { StaffRole } from './permissions';

/**
 * One action of the console's HTTP function: `POST <ADMIN_API_PREFIX>/<name>`. It has a request and a
 * response like a cloud function's `Contract`, but deliberately not a `caller`: an admin contract is not
 * a `Contract`, so it cannot be handed to `defineFunction` (which would serve it without a staff session).
 * Identity comes from the session token; `roles` says whose token may call it.
 */
export interface AdminContract<
  Name extends string = string,
  Req extends ZodType = ZodType,
  Res extends ZodType = ZodType,
> {
  readonly name: Name;
  /** Who may call it: `public` (no session: only signing in) or the staff roles allowed. */
  readonly roles: 'public' | readonly StaffRole[];
  /** Whether a member of staff who must change their password may call it (only the account's own actions). */
  readonly beforePasswordChange: boolean;
  /** Whether it writes: then each success leaves an entry in the audit log (the server refuses otherwise). */
  readonly audited: boolean;
  /**
   * Whether it answers a file (`{ filename, contentType, content }`) as the HTTP body itself, for the browser
   * to save; a refusal is still the envelope.
   */
  readonly download: boolean;
  readonly request: Req;
  readonly response: Res;
}

export function defineAdminContract<Name extends string, Req extends ZodType, Res extends ZodType>(contract: {
  name: Name;
  roles: 'public' | readonly StaffRole[];
  beforePasswordChange?: boolean;
  audited?: boolean;
  download?: boolean;
  request: Req;
  response: Res;
}): AdminContract<Name, Req, Res> {
  return {
    ...contract,
    beforePasswordChange: contract.beforePasswordChange ?? false,
    audited: contract.audited ?? false,
    download: contract.download ?? false,
  };
}

/** What the console sends (before parsing). */
export type AdminRequestOf<C extends AdminContract> = z.input<C['request']>;
/** What the action's use case receives (after parsing). */
export type ParsedAdminRequestOf<C extends AdminContract> = z.output<C['request']>;
/** What the use case returns and the console receives inside `{ ok: true, data }`. */
export type AdminResponseOf<C extends AdminContract> = z.output<C['response']>;

/** The envelope an action answers: the console parses every response with it. */
export function adminEnvelopeSchema<C extends AdminContract>(contract: C) {
  return envelopeSchema(contract.response);
}
