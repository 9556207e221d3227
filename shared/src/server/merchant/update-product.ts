/**
 * updateProduct (ops, merchant: its own): the product's fields and images (kept ones reordered or
 * removed, new ones only from its own storage folder; one on sale keeps at least one), its SKUs' spec and
 * price, and new SKUs with their starting stock. SKUs are never removed and existing stock changes only
 * through adjustStock. The product's write is guarded so an edit leaving no image cannot race 上架. With a
 * request key, new SKUs' ids derive from it: the same save sent again finds them added and adds nothing.
 */
import type { updateProductContract } from '../../contracts/admin';
import type { Sku } from '../../domain/catalog.schema';
import { isProductOnSale, MAX_SKUS_PER_PRODUCT, refusedImage } from '../../domain/product.machine';
import { DomainError } from '../../kernel/errors';
import { fen } from '../../kernel/money';
import { merchantScope } from '../runtime/staff-scope';
import { getProduct as readProduct } from '../repositories/catalog.repository';
import { insertSkus, skusOf, updateProduct as writeProduct, updateSku } from '../repositories/product.repository';
import type { AdminUseCase } from '../runtime/define-http-function';
import { newId } from '../runtime/ids';
import { auditedProduct, keyedId, ownProduct, productDetail } from './product-views';

export const updateProduct: AdminUseCase<typeof updateProductContract> = async (input, ctx) => {
  const now = ctx.clock.now();
  const scope = merchantScope(ctx);
  const product = await ownProduct(ctx, input.productId);
  const existing = await skusOf([product._id]);

  const refused = refusedImage(input.images, product.images, {
    merchantId: product.merchantId,
    productId: product._id,
  });
  if (refused !== undefined) throw new DomainError('INVALID_ARGUMENT', `image ${refused}`);
  if (input.images.length === 0 && isProductOnSale(product)) throw new DomainError('PRODUCT_INCOMPLETE');

  const byId = new Map(existing.map((sku) => [sku._id, sku]));
  // A new row's id: derived from the request key (so a repeat finds it added), else fresh.
  let fresh = 0;
  const rows = input.skus.map((sku) => {
    if (sku.skuId !== undefined) return sku;
    const skuId = input.requestKey ? keyedId('S', `${product._id}:${input.requestKey}:${fresh}`) : newId('S', now);
    fresh += 1;
    return byId.has(skuId) ? { ...sku, skuId, stock: undefined } : { ...sku, newId: skuId };
  });
  for (const sku of input.skus) {
    if (sku.skuId !== undefined && !byId.has(sku.skuId)) throw new DomainError('NOT_FOUND', `sku ${sku.skuId}`);
  }
  const mentioned = new Set(rows.flatMap((sku) => (sku.skuId ? [sku.skuId] : [])));
  const specs = [...rows.map((s) => s.spec), ...existing.filter((s) => !mentioned.has(s._id)).map((s) => s.spec)];
  if (new Set(specs).size !== specs.length) throw new DomainError('INVALID_ARGUMENT', 'duplicate spec');
  if (specs.length > MAX_SKUS_PER_PRODUCT) throw new DomainError('INVALID_ARGUMENT', 'too many SKUs');

  const fields = {
    title: input.title,
    subtitle: input.subtitle,
    category: input.category,
    origin: input.origin,
    description: input.description,
    images: input.images,
  };
  const offSaleOnly = input.images.length === 0;
  if (!(await writeProduct(product._id, scope, { ...fields, updatedAt: now }, { offSaleOnly }))) {
    // Nothing was written: it is gone, or it went on sale meanwhile (an edit leaving it without images is
    // refused), or the same save landed in the same millisecond (the write matched and had nothing to change).
    const latest = await readProduct(product._id);
    if (!latest) throw new DomainError('NOT_FOUND', `product ${product._id}`);
    if (offSaleOnly && isProductOnSale(latest)) throw new DomainError('PRODUCT_INCOMPLETE', `product ${product._id}`);
  }

  const changed = rows.filter((sku) => {
    const before = sku.skuId ? byId.get(sku.skuId) : undefined;
    return before && (before.spec !== sku.spec || before.price !== sku.price);
  });
  await Promise.all(
    changed.map((sku) =>
      updateSku(sku.skuId ?? '', product._id, scope, { spec: sku.spec, price: sku.price, updatedAt: now }),
    ),
  );
  const added: Sku[] = rows
    .flatMap((sku) => (sku.skuId === undefined && 'newId' in sku ? [{ ...sku, _id: sku.newId }] : []))
    .map((sku, index) => ({
      _id: sku._id,
      productId: product._id,
      merchantId: product.merchantId,
      spec: sku.spec,
      price: fen(sku.price),
      stock: { available: sku.stock ?? 0, reserved: 0, sold: 0, allocated: 0, holds: {} },
      createdAt: now + index,
      updatedAt: now,
    }));
  await insertSkus(added);

  const after = { ...product, ...fields, updatedAt: now };
  const skusAfter = [
    ...existing.map((sku) => {
      const edit = rows.find((s) => s.skuId === sku._id);
      return edit ? { ...sku, spec: edit.spec, price: fen(edit.price) } : sku;
    }),
    ...added,
  ];
  await ctx.audit({
    target: `product/${product._id}`,
    before: auditedProduct(product, existing),
    after: {
      ...auditedProduct(after, skusAfter),
      ...(added.length > 0 ? { addedStock: added.map((s) => ({ skuId: s._id, available: s.stock.available })) } : {}),
    },
  });
  return productDetail(ctx, after);
};
