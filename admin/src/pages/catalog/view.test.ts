import { describe, expect, it } from 'vitest';
import {
  emptyProductForm,
  moveImage,
  parseCoordinate,
  parsePrice,
  parseWhole,
  priceRange,
  productForm,
  skuRequest,
} from './view';

describe('catalogue view', () => {
  it('reads prices in yuan as fen, exactly, and refuses anything else with the form’s words', () => {
    expect(parsePrice('39.9')).toEqual({ ok: true, fen: 3990 });
    expect(parsePrice(' 0.01 ')).toEqual({ ok: true, fen: 1 });
    expect(parsePrice('0')).toEqual({ ok: false, message: '售价须大于 0' });
    for (const bad of ['', '1.234', '-1', 'abc', '1e3']) expect(parsePrice(bad).ok, bad).toBe(false);
    expect(priceRange(3990, 3990)).toBe('39.90');
    expect(priceRange(3990, 5990)).toBe('39.90 – 59.90');
  });

  it('reads stock as whole numbers, signed for an adjustment', () => {
    expect(parseWhole('+20', true)).toEqual({ ok: true, value: 20 });
    expect(parseWhole('-3', true)).toEqual({ ok: true, value: -3 });
    expect(parseWhole('-3', false).ok).toBe(false);
    expect(parseWhole('1.5', true).ok).toBe(false);
    expect(parseCoordinate(' 106.5775 ', '经度')).toEqual({ ok: true, value: 106.5775 });
    expect(parseCoordinate('', '纬度')).toEqual({ ok: false, message: '请输入纬度' });
  });

  it('sends new SKUs with their starting stock and existing ones without, or the first row’s problem', () => {
    expect(
      skuRequest([
        { skuId: 'S1', spec: '250g', price: '39.90', stock: '' },
        { spec: '500g', price: '69', stock: '12' },
      ]),
    ).toEqual({
      ok: true,
      skus: [
        { skuId: 'S1', spec: '250g', price: 3990 },
        { spec: '500g', price: 6900, stock: 12 },
      ],
    });
    expect(skuRequest([{ spec: '500g', price: '69', stock: '-1' }])).toEqual({
      ok: false,
      message: '第 1 个规格：请输入不小于 0 的整数',
    });
    expect(skuRequest(emptyProductForm().skus)).toMatchObject({ ok: false, message: expect.stringContaining('售价') });
  });

  it('edits an existing product’s form, and moves images with the first as the cover', () => {
    const form = productForm({
      product: {
        productId: 'P1',
        merchantId: 'M1',
        merchantName: '江津花椒合作社',
        title: '青花椒',
        subtitle: '',
        category: '调味',
        origin: '江津',
        description: '',
        status: 'off_sale',
        images: [{ fileId: 'cloud://a', url: 'https://a' }],
        createdAt: 1,
      },
      skus: [{ skuId: 'S1', spec: '250g', price: 3990, stock: { available: 5, reserved: 1, sold: 2, allocated: 0 } }],
    });
    expect(form.skus).toEqual([
      { skuId: 'S1', spec: '250g', price: '39.90', stock: '', available: 5, reserved: 1, sold: 2 },
    ]);
    expect(moveImage(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveImage(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveImage(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveImage(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
  });
});
