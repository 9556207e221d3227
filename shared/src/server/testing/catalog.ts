/**
 * The console's catalogue in the platform tests: merchants, and products with SKUs written as
 * createProduct leaves them (or on sale with an image, as the seed has them). Fresh ids on every call.
 */
import type { Platform } from '../../../../testing/platform';

let sequence = 0;

export async function addMerchant(platform: Platform, merchantId: string, name = `商户${merchantId}`) {
  await platform.insert('merchants', [
    { _id: merchantId, name, district: '渝中区', phone: '023-63800001', createdAt: Date.now() },
  ]);
}

export interface ProductOptions {
  readonly title?: string;
  readonly status?: 'on_sale' | 'off_sale';
  readonly images?: readonly string[];
  /** Each SKU's available units (and price 3990 fen). */
  readonly stock?: readonly number[];
  readonly createdAt?: number;
}

/** A product of `merchantId` with its SKUs; answers their ids. */
export async function addProduct(platform: Platform, merchantId: string, options: ProductOptions = {}) {
  const n = ++sequence;
  const productId = `p-cat-${n}`;
  const now = options.createdAt ?? Date.now();
  await platform.insert('products', [
    {
      _id: productId,
      merchantId,
      title: options.title ?? `江津青花椒 ${n}`,
      subtitle: '',
      category: '调味',
      origin: '江津',
      description: '',
      images: options.images ?? ['cloud://shancheng-local/products/seed.jpg'],
      status: options.status ?? 'on_sale',
      createdAt: now,
      updatedAt: now,
    },
  ]);
  const skuIds = (options.stock ?? [100]).map((_, i) => `s-cat-${n}-${i}`);
  await platform.insert(
    'skus',
    (options.stock ?? [100]).map((available, i) => ({
      _id: skuIds[i],
      productId,
      merchantId,
      spec: `${250 * (i + 1)}g`,
      price: 3990 + i * 1000,
      stock: { available, reserved: 0, sold: 0, allocated: 0, holds: {} },
      createdAt: now + i,
    })),
  );
  return { productId, skuIds, skuId: skuIds[0] as string };
}
