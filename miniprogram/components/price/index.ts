/**
 * `<price amount="{{2990}}" origin="{{3990}}" />`: a price tag in fen. `origin`, when higher, is shown
 * struck through (the solo price a group price beats). `size`: `large` on detail pages, `normal` in cards.
 */
import { priceView } from './view';

Component({
  properties: {
    amount: { type: Number, value: 0 },
    origin: { type: Number, value: 0 },
    size: { type: String, value: 'normal' },
  },
  data: priceView(0, 0),
  observers: {
    'amount, origin'(amount: number, origin: number) {
      this.setData(priceView(amount, origin));
    },
  },
});
