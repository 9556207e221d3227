/**
 * `<qr-code text="{{code}}" cell="{{6}}" />`: `text` as a QR code drawn with views (rows of dark and
 * light runs), `cell` px per module. The pickup code's QR, which the point's staff scan to hand over an
 * order (核销).
 */
import { qrView } from './view';

Component({
  properties: {
    text: { type: String, value: '' },
    cell: { type: Number, value: 6 },
  },
  data: qrView('', 6),
  observers: {
    'text, cell'(text: string, cell: number) {
      this.setData(qrView(text, Math.max(1, Math.round(cell))));
    },
  },
});
