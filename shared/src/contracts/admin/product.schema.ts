/**
 * Products and SKUs as the console sends and reads them. Money is integer fen on the wire (the console's
 * form shows yuan); the messages are the ones the form shows under each field, so the console and the
 * server refuse the same input with the same words.
 */
import { MAX_STOCK_ADJUSTMENT } from '../../domain/catalog.schema';
import { hasHiddenCharacters, idSchema, instantSchema } from '../../domain/common.schema';
import {
  MAX_PRODUCT_IMAGES,
  MAX_SKU_PRICE_FEN,
  MAX_SKUS_PER_PRODUCT,
  PRODUCT_TEXT_LIMITS,
  productStatusSchema,
} from '../../domain/product.machine';
import * as z from '../../kernel/zod';

const countSchema = z.number().int().nonnegative();

/** One line of text a shopper will read: trimmed, required or not, at most `max` characters, nothing hidden. */
const lineSchema = (label: string, max: number, required: boolean) =>
  z
    .string()
    .trim()
    .min(required ? 1 : 0, `请输入${label}`)
    .max(max, `${label}最多 ${max} 个字`)
    .refine((text) => !hasHiddenCharacters(text), `${label}不能包含控制字符`);

/** The product's own fields, as the form edits them. */
export const productFieldsSchema = z.object({
  title: lineSchema('商品名称', PRODUCT_TEXT_LIMITS.title, true),
  subtitle: lineSchema('副标题', PRODUCT_TEXT_LIMITS.subtitle, false).default(''),
  category: lineSchema('类目', PRODUCT_TEXT_LIMITS.category, true),
  /** Where it comes from: 奉节, 江津... */
  origin: lineSchema('产地', PRODUCT_TEXT_LIMITS.origin, false).default(''),
  description: z
    .string()
    .trim()
    .max(PRODUCT_TEXT_LIMITS.description, `商品详情最多 ${PRODUCT_TEXT_LIMITS.description} 个字`)
    .default(''),
});

/** A SKU's price in fen: more than nothing, at most ¥100,000. */
export const skuPriceSchema = z
  .number('请输入售价')
  .int('售价最多两位小数')
  .min(1, '售价须大于 0')
  .max(MAX_SKU_PRICE_FEN, `售价不能超过 ¥${MAX_SKU_PRICE_FEN / 100}`);

/** The units a new SKU starts with. */
export const initialStockSchema = z
  .number('请输入库存')
  .int('库存须为整数')
  .min(0, '库存不能小于 0')
  .max(MAX_STOCK_ADJUSTMENT, `库存不能超过 ${MAX_STOCK_ADJUSTMENT}`);

export const skuSpecSchema = lineSchema('规格', PRODUCT_TEXT_LIMITS.spec, true);

/** Image file ids, the first the cover, as the product keeps them. */
export const productImagesSchema = z
  .array(z.string().min(1).max(512))
  .max(MAX_PRODUCT_IMAGES, `最多 ${MAX_PRODUCT_IMAGES} 张图片`);

/** Refuses two SKUs of one product with the same spec. */
export function uniqueSpecs(skus: readonly { readonly spec: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  skus.forEach((sku, index) => {
    if (seen.has(sku.spec)) ctx.addIssue({ code: 'custom', path: [index, 'spec'], message: '规格名称不能重复' });
    seen.add(sku.spec);
  });
}

export const skuCountSchema = <T extends z.ZodType>(sku: T) =>
  z.array(sku).min(1, '至少添加一个规格').max(MAX_SKUS_PER_PRODUCT, `最多 ${MAX_SKUS_PER_PRODUCT} 个规格`);

export const stockViewSchema = z.object({
  available: countSchema,
  reserved: countSchema,
  sold: countSchema,
  /** Carved out for activities' dedicated pools. */
  allocated: countSchema,
});

export const skuViewSchema = z.object({
  skuId: idSchema,
  spec: z.string(),
  price: countSchema,
  stock: stockViewSchema,
});
export type SkuView = z.infer<typeof skuViewSchema>;

/** A stored image and the temporary address that shows it now ('' when there is none). */
export const productImageSchema = z.object({ fileId: z.string(), url: z.string() });
export type ProductImage = z.infer<typeof productImageSchema>;

/** A product with its SKUs, as the edit form reads it. */
export const productDetailSchema = z.object({
  product: z.object({
    productId: idSchema,
    merchantId: idSchema,
    merchantName: z.string(),
    title: z.string(),
    subtitle: z.string(),
    category: z.string(),
    origin: z.string(),
    description: z.string(),
    status: productStatusSchema,
    images: z.array(productImageSchema),
    createdAt: instantSchema,
    updatedAt: instantSchema.optional(),
  }),
  skus: z.array(skuViewSchema),
});
export type ProductDetail = z.infer<typeof productDetailSchema>;
