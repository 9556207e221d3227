/**
 * What a member of staff may see and change, as query conditions: a merchant is scoped to its own
 * merchant's documents in every query (never only in the console's menu); ops and customer service see
 * every merchant. Use cases merge `merchantScope(ctx)` into their `where`, and check a single document
 * with `ownsMerchant` before changing it (a document of another merchant reads as NOT_FOUND, so its
 * existence is not revealed).
 */
import { DomainError } from '../../kernel/errors';
import type { AdminCallContext, StaffPrincipal } from './define-http-function';

/** The signed-in member of staff (every non-public action has one). */
export function staffOf(ctx: Pick<AdminCallContext, 'staff'>): StaffPrincipal {
  if (!ctx.staff) throw new DomainError('SESSION_INVALID');
  return ctx.staff;
}

/** `{ merchantId }` for a merchant, `{}` for everyone else: merge it into a query's conditions. */
export function merchantScope(ctx: Pick<AdminCallContext, 'staff'>): { merchantId?: string } {
  const staff = staffOf(ctx);
  return staff.role === 'merchant' ? { merchantId: staff.merchantId ?? '\u0000no-merchant' } : {};
}

/** Refuses (as NOT_FOUND) a document of another merchant, or none at all. */
export function ownsMerchant<T extends { readonly merchantId: string }>(
  ctx: Pick<AdminCallContext, 'staff'>,
  doc: T | null,
  what: string,
): T {
  const scope = merchantScope(ctx);
  if (!doc || (scope.merchantId !== undefined && doc.merchantId !== scope.merchantId)) {
    throw new DomainError('NOT_FOUND', what);
  }
  return doc;
}
