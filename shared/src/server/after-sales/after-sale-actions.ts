/**
 * Acting on a request, for the shopper, for staff and for the timed job alike: one transaction over the
 * request and its order (`changeAfterSale`) in which the domain decides the step on what was read, then, for
 * a refund the step recorded, CloudPay is asked (once: only the transaction that recorded it asks; a crash
 * before asking leaves the refund `requested` for retryRefunds). Someone else's request reads as missing;
 * a console key already applied answers the request as it stands.
 */
import type { ConsoleAfterSale, ConsoleRefund } from '../../contracts/admin';
import { type AfterSaleRefundStep, type AfterSaleStep, applyStep } from '../../domain/after-sale-step';
import type { AfterSale } from '../../domain/after-sale.schema';
import type { Order } from '../../domain/order.schema';
import type { Refund } from '../../domain/refund.schema';
import { DomainError } from '../../kernel/errors';
import { consoleRefund } from '../ordering/console-refunds';
import { askForNewRefund } from '../payments/refunds';
import { changeAfterSale, getRefundOfAfterSale } from '../repositories/after-sale.repository';
import type { InvocationContext } from '../runtime/call-context';
import type { AdminCallContext } from '../runtime/define-http-function';
import { consoleAfterSale } from './after-sale-views';

export interface Actor {
  /** Only this shopper's requests. */
  readonly openid?: string | undefined;
  /** Only this merchant's requests. */
  readonly merchantId?: string | undefined;
  /** The console's key for this request: already applied, nothing is done again. */
  readonly actionKey?: string | undefined;
}

/** What a decision answers: a step (with its refund), a refusal, or null for nothing to do (a repeat). */
export type AfterSaleDecision = AfterSaleRefundStep | AfterSaleStep | 'AFTER_SALE_NOT_ACTIONABLE' | null;

export interface Acted {
  readonly before: AfterSale;
  readonly afterSale: AfterSale;
  /** The refund this step recorded. */
  readonly refund?: Refund | undefined;
  readonly changed: boolean;
}

export async function actOnAfterSale(
  id: string,
  actor: Actor,
  decide: (afterSale: AfterSale, order: Order) => AfterSaleDecision,
  ctx: InvocationContext,
): Promise<Acted> {
  const acted = await changeAfterSale<Acted>(id, (afterSale, order) => {
    const outOfScope =
      (actor.openid !== undefined && afterSale.openid !== actor.openid) ||
      (actor.merchantId !== undefined && afterSale.merchantId !== actor.merchantId);
    if (outOfScope) throw new DomainError('NOT_FOUND', `after-sale ${id}`);
    const unchanged = { result: { before: afterSale, afterSale, changed: false } };
    if (actor.actionKey && afterSale.actionKeys?.includes(actor.actionKey)) return unchanged;
    const decided = decide(afterSale, order);
    if (decided === null) return unchanged;
    if (typeof decided === 'string') throw new DomainError(decided, `after-sale ${id} is ${afterSale.status}`);
    const { step, refund } = 'step' in decided ? decided : { step: decided, refund: undefined };
    const keyed: AfterSaleStep = actor.actionKey ? { ...step, actionKey: actor.actionKey } : step;
    return {
      step: keyed,
      refund,
      result: { before: afterSale, afterSale: applyStep(afterSale, keyed), refund: refund?.refund, changed: true },
    };
  });
  if (acted.refund) await askForNewRefund(acted.refund, ctx);
  return acted;
}

/**
 * A staff action's answer: the request as it now stands and its refund (read again: CloudPay may have
 * answered already), after the audit entry (`after-sale/<id>`; a repeat is audited as one).
 */
export async function staffAnswer(
  acted: Acted,
  ctx: AdminCallContext,
): Promise<{ afterSale: ConsoleAfterSale; refund?: ConsoleRefund }> {
  const refund = await getRefundOfAfterSale(acted.afterSale);
  await ctx.audit({
    target: `after-sale/${acted.afterSale._id}`,
    before: { status: acted.before.status },
    after: {
      status: acted.afterSale.status,
      ...(refund ? { refund: refund.outRefundNo, amount: refund.amount } : {}),
      ...(acted.changed ? {} : { repeat: true }),
    },
  });
  return { afterSale: consoleAfterSale(acted.afterSale), ...(refund ? { refund: consoleRefund(refund) } : {}) };
}
