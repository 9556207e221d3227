/**
 * What the catalogue pages show and send: prices typed in yuan checked and turned into fen, the product
 * form as the request its contract expects (new SKUs with their starting stock, existing ones without),
 * images reordered (the first is the cover), stock adjustments as signed whole numbers, and pickup points'
 * coordinates typed as text.
 */
import type { AdminRequestOf, ProductDetail, updateProductContract } from '@shared/admin-client';

export const PRODUCT_STATUS_LABELS: Record<string, string> = { on_sale: '上架中', off_sale: '已下架' };
export const PICKUP_POINT_STATUS_LABELS: Record<string, string> = { active: '启用', inactive: '已停用' };

/** 1230 → `12.30`. */
export const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** `39.9` yuan → 3990 fen; a message for anything that is not a price above 0 with at most 2 decimals. */
export function parsePrice(text: string): { ok: true; fen: number } | { ok: false; message: string } {
  const match = /^\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return { ok: false, message: '请输入售价（元），最多两位小数' };
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? { ok: true, fen } : { ok: false, message: '售价须大于 0' };
}

/** A whole number, signed if `signed`: `+20`, `-3`, `15`. */
export function parseWhole(
  text: string,
  signed: boolean,
): { ok: true; value: number } | { ok: false; message: string } {
  const match = (signed ? /^\s*([+-]?\d{1,6})\s*$/ : /^\s*(\d{1,6})\s*$/).exec(text);
  if (!match) return { ok: false, message: signed ? '请输入整数，减少库存用负数' : '请输入不小于 0 的整数' };
  return { ok: true, value: Number(match[1]) };
}

/** A SKU row as the form edits it: price and stock as typed. */
export interface SkuRow {
  skuId?: string;
  spec: string;
  price: string;
  /** The starting stock of a new SKU; existing SKUs change stock through 调整库存. */
  stock: string;
  /** An existing SKU's available / held / sold units, shown read-only. */
  available?: number;
  reserved?: number;
  sold?: number;
}

export interface ProductForm {
  merchantId: string;
  title: string;
  subtitle: string;
  category: string;
  origin: string;
  description: string;
  /** File ids in order (the first is the cover), and the addresses that show them. */
  images: { fileId: string; url: string }[];
  skus: SkuRow[];
}

export const emptyProductForm = (): ProductForm => ({
  merchantId: '',
  title: '',
  subtitle: '',
  category: '',
  origin: '',
  description: '',
  images: [],
  skus: [{ spec: '', price: '', stock: '0' }],
});

/** The form for an existing product. */
export function productForm(detail: ProductDetail): ProductForm {
  const { product, skus } = detail;
  return {
    merchantId: product.merchantId,
    title: product.title,
    subtitle: product.subtitle,
    category: product.category,
    origin: product.origin,
    description: product.description,
    images: product.images.map((image) => ({ ...image })),
    skus: skus.map((sku) => ({
      skuId: sku.skuId,
      spec: sku.spec,
      price: yuan(sku.price),
      stock: '',
      available: sku.stock.available,
      reserved: sku.stock.reserved,
      sold: sku.stock.sold,
    })),
  };
}

type UpdateRequest = AdminRequestOf<typeof updateProductContract>;
type SkuRequest = UpdateRequest['skus'][number];

/**
 * The SKUs as the contract takes them (new ones with their stock), or the first row's problem in words.
 * The server checks everything again; this only turns the typed text into numbers.
 */
export function skuRequest(rows: readonly SkuRow[]): { ok: true; skus: SkuRequest[] } | { ok: false; message: string } {
  const skus: SkuRequest[] = [];
  for (const [index, row] of rows.entries()) {
    const label = `第 ${index + 1} 个规格`;
    const price = parsePrice(row.price);
    if (!price.ok) return { ok: false, message: `${label}：${price.message}` };
    if (row.skuId) {
      skus.push({ skuId: row.skuId, spec: row.spec, price: price.fen });
      continue;
    }
    const stock = parseWhole(row.stock, false);
    if (!stock.ok) return { ok: false, message: `${label}：${stock.message}` };
    skus.push({ spec: row.spec, price: price.fen, stock: stock.value });
  }
  return { ok: true, skus };
}

/** The product's own fields from the form. */
export const productFields = (form: ProductForm) => ({
  title: form.title,
  subtitle: form.subtitle,
  category: form.category,
  origin: form.origin,
  description: form.description,
});

/** The images with the one at `from` moved by `by` (−1 earlier, +1 later); unchanged at either end. */
export function moveImage<T>(images: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= images.length || to < 0 || to >= images.length) return [...images];
  const moved = [...images];
  [moved[from], moved[to]] = [moved[to] as T, moved[from] as T];
  return moved;
}

/** The listing's SKU prices: `39.90` or `39.90 – 59.90`. */
export const priceRange = (min: number, max: number): string =>
  min === max ? yuan(min) : `${yuan(min)} – ${yuan(max)}`;

/** Coordinates typed as text: numbers, or the field's message. */
export function parseCoordinate(
  text: string,
  label: '经度' | '纬度',
): { ok: true; value: number } | { ok: false; message: string } {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `请输入${label}` };
}

/** A fresh id for one stock adjustment: sent again (a retry, a double click), it applies once. */
export const newRequestKey = (): string => crypto.randomUUID();
