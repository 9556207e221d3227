/**
 * What an order costs, computed on the server from the activity, never taken from the client. The
 * opener (团长) pays the leader price when the merchant set one, other members the group price, and a
 * solo purchase the solo price. Quantity limits are checked here too.
 */
import { DomainError } from '../kernel/errors';
import { type Fen, fen, times } from '../kernel/money';
import type { ActivityRules } from './activity.schema';

export type BuyerRole = 'leader' | 'member' | 'solo';

export interface OrderPrice {
  readonly unitPrice: Fen;
  readonly quantity: number;
  readonly total: Fen;
}

type PriceRules = Pick<ActivityRules, 'groupPrice' | 'soloPrice' | 'leaderPrice' | 'perOrderLimit' | 'perUserLimit'>;

export function unitPriceFor(rules: PriceRules, role: BuyerRole): Fen {
  switch (role) {
    case 'leader':
      return fen(rules.leaderPrice ?? rules.groupPrice);
    case 'member':
      return fen(rules.groupPrice);
    case 'solo':
      return fen(rules.soloPrice);
  }
}

/**
 * @param alreadyBought units the shopper already holds in this activity (paid or awaiting payment),
 *        counted against the per-user limit.
 */
export function priceOrder(rules: PriceRules, role: BuyerRole, quantity: number, alreadyBought: number): OrderPrice {
  if (!Number.isSafeInteger(quantity) || quantity < 1)
    throw new DomainError('INVALID_ARGUMENT', 'quantity must be ≥ 1');
  if (quantity > rules.perOrderLimit) {
    throw new DomainError('LIMIT_EXCEEDED', `at most ${rules.perOrderLimit} per order`);
  }
  if (alreadyBought + quantity > rules.perUserLimit) {
    throw new DomainError('LIMIT_EXCEEDED', `at most ${rules.perUserLimit} per shopper, ${alreadyBought} held`);
  }
  const unitPrice = unitPriceFor(rules, role);
  return { unitPrice, quantity, total: times(unitPrice, quantity) };
}
