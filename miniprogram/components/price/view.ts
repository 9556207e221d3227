/** What a price tag shows: the price in big yuan and small cents, and the struck-through price it beats. */
import { priceParts, priceText } from '../../utils/format';

export interface PriceView {
  readonly yuan: string;
  readonly cents: string;
  readonly originText: string;
}

export function priceView(amount: number, origin: number): PriceView {
  return { ...priceParts(amount), originText: origin > amount ? priceText(origin) : '' };
}
