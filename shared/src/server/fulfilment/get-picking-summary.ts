/**
 * getPickingSummary (console: ops, merchant): what to pack. The database counts the orders waiting to ship by
 * pickup point and SKU (one aggregation, rows bounded by points × SKUs, never by orders); express orders are
 * their own bucket. A merchant's summary is its own.
 */
import type { getPickingSummaryContract } from '../../contracts/admin';
import type { District } from '../../domain/common.schema';
import { merchantScope } from '../runtime/staff-scope';
import { type PickingRow, pickingRows } from '../repositories/order-fulfilment.repository';
import type { AdminUseCase } from '../runtime/define-http-function';

interface Bucket {
  orders: number;
  units: number;
  skus: { skuId: string; title: string; spec: string; orders: number; units: number }[];
}

const emptyBucket = (): Bucket => ({ orders: 0, units: 0, skus: [] });

function add(bucket: Bucket, row: PickingRow): void {
  bucket.orders += row.orders;
  bucket.units += row.units;
  bucket.skus.push({ skuId: row._id.skuId, title: row.title, spec: row.spec, orders: row.orders, units: row.units });
}

const byUnits = (a: { units: number; skuId: string }, b: { units: number; skuId: string }) =>
  b.units - a.units || a.skuId.localeCompare(b.skuId);

export const getPickingSummary: AdminUseCase<typeof getPickingSummaryContract> = async (input, ctx) => {
  const merchantId = merchantScope(ctx).merchantId ?? input.merchantId;
  const rows = await pickingRows({ merchantId, activityId: input.activityId });
  const express = emptyBucket();
  const points = new Map<string, Bucket & { name: string; address: string; district?: District }>();
  for (const row of rows) {
    const pointId = row._id.point;
    if (!pointId) {
      add(express, row);
      continue;
    }
    let point = points.get(pointId);
    if (!point) {
      point = {
        ...emptyBucket(),
        name: row.pointName ?? '',
        address: row.pointAddress ?? '',
        ...(row.pointDistrict ? { district: row.pointDistrict } : {}),
      };
      points.set(pointId, point);
    }
    add(point, row);
  }
  express.skus.sort(byUnits);
  const listed = [...points.entries()]
    .map(([pickupPointId, point]) => ({ pickupPointId, ...point, skus: point.skus.sort(byUnits) }))
    .sort((a, b) => b.units - a.units || a.pickupPointId.localeCompare(b.pickupPointId));
  const all = [express, ...listed];
  return {
    points: listed,
    express,
    orders: all.reduce((sum, b) => sum + b.orders, 0),
    units: all.reduce((sum, b) => sum + b.units, 0),
  };
};
