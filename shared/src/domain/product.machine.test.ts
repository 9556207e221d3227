import { describe, expect, it } from 'vitest';
import { stockAdjustmentRefusal } from './catalog.schema';
import {
  isOwnProductImage,
  isProductOnSale,
  listingRefusal,
  PRODUCT_CREATED_STATUS,
  productEventTo,
  productMachine,
  productSaleRefusal,
  refusedImage,
} from './product.machine';

const FOLDER = 'cloud://env-1.bucket/products/m-1/p-1';

describe('a product on the shelf', () => {
  it('starts off sale, goes on sale and comes down again, and nothing else', () => {
    expect(PRODUCT_CREATED_STATUS).toBe('off_sale');
    expect(productMachine.next('off_sale', 'listed')).toBe('on_sale');
    expect(productMachine.next('on_sale', 'delisted')).toBe('off_sale');
    expect(productMachine.next('on_sale', 'listed')).toBeUndefined();
    expect(productEventTo('on_sale')).toBe('listed');
    expect(productEventTo('off_sale')).toBe('delisted');
    expect(isProductOnSale({ status: 'on_sale' })).toBe(true);
  });

  it('goes on sale only with an image and a SKU', () => {
    expect(listingRefusal({ images: [] }, 1)).toBe('PRODUCT_INCOMPLETE');
    expect(listingRefusal({ images: ['x'] }, 0)).toBe('PRODUCT_INCOMPLETE');
    expect(listingRefusal({ images: ['x'] }, 1)).toBeUndefined();
  });

  it('tells a shopper an unknown product from one taken down', () => {
    expect(productSaleRefusal(null)).toBe('NOT_FOUND');
    expect(productSaleRefusal({ status: 'off_sale' })).toBe('PRODUCT_OFF_SALE');
    expect(productSaleRefusal({ status: 'on_sale' })).toBeUndefined();
  });
});

describe('a product’s images', () => {
  const owner = { merchantId: 'm-1', productId: 'p-1' };

  it('are file ids in the product’s own folder', () => {
    expect(isOwnProductImage(`${FOLDER}/a1b2c3.jpg`, 'm-1', 'p-1')).toBe(true);
    expect(isOwnProductImage(`${FOLDER}/a1b2c3.jpg`, 'm-2', 'p-1')).toBe(false);
    expect(isOwnProductImage(`${FOLDER}/a1b2c3.jpg`, 'm-1', 'p-10')).toBe(false);
    expect(isOwnProductImage('cloud://env-1.bucket/products/m-1/p-10/a.jpg', 'm-1', 'p-1')).toBe(false);
    expect(isOwnProductImage(`${FOLDER}/../p-2/a.jpg`, 'm-1', 'p-1')).toBe(false);
    expect(isOwnProductImage(`${FOLDER}/sub/a.jpg`, 'm-1', 'p-1')).toBe(false);
    expect(isOwnProductImage('https://example.com/products/m-1/p-1/a.jpg', 'm-1', 'p-1')).toBe(false);
  });

  it('may be the ones it has, reordered, plus its own uploads; never a repeat or a stranger', () => {
    const seeded = 'cloud://shancheng-local/products/p-1-1.jpg';
    expect(refusedImage([`${FOLDER}/new.png`, seeded], [seeded], owner)).toBeUndefined();
    expect(refusedImage([], [seeded], owner)).toBeUndefined();
    expect(refusedImage([seeded, seeded], [seeded], owner)).toBe(seeded);
    expect(refusedImage(['cloud://x/products/m-2/p-9/a.jpg'], [seeded], owner)).toBe(
      'cloud://x/products/m-2/p-9/a.jpg',
    );
  });
});

describe('a stock adjustment', () => {
  it('may take away available units only', () => {
    expect(stockAdjustmentRefusal({ available: 5 }, -5)).toBeUndefined();
    expect(stockAdjustmentRefusal({ available: 5 }, -6)).toBe('OUT_OF_STOCK');
    expect(stockAdjustmentRefusal({ available: 0 }, 10)).toBeUndefined();
  });
});
