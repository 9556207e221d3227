// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, shows, textIn } from '../../testing/render-component';
import { priceView } from './view';

describe('price', () => {
  it('splits fen into big yuan and small cents, with the beaten price struck through', () => {
    expect(priceView(2990, 3990)).toEqual({ yuan: '29', cents: '.90', originText: '¥39.90' });
    expect(priceView(2990, 2990).originText).toBe('');
  });

  it('shows a shopper ¥29.90 and the solo price it beats', async () => {
    const price = await render('price', { amount: 2990, origin: 3990 });
    expect(textIn(price, '.price')).toBe('¥29.90¥39.90');
    expect(textIn(price, '.price__origin')).toBe('¥39.90');
  });

  it('updates when the amount changes and hides an origin that is not higher', async () => {
    const price = await render('price', { amount: 100, origin: 50 });
    expect(shows(price, '.price__origin')).toBe(false);
    price.setData({ amount: 12345 });
    expect(textIn(price, '.price__yuan')).toBe('123');
  });
});
