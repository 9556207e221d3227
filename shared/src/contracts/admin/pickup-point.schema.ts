/**
 * Pickup points (自提点) as ops edit and read them in the console: coordinates as numbers (longitude and
 * latitude, in Chongqing), hours and a contact; the messages are the ones the form shows.
 */
import { districtSchema, hasHiddenCharacters, idSchema, instantSchema } from '../../domain/common.schema';
import { CHONGQING_BOUNDS, CONTACT_PHONE, pickupPointStatusSchema } from '../../domain/pickup-point.machine';
import * as z from '../../kernel/zod';

const line = (label: string, max: number, required: boolean) =>
  z
    .string()
    .trim()
    .min(required ? 1 : 0, `请输入${label}`)
    .max(max, `${label}最多 ${max} 个字`)
    .refine((text) => !hasHiddenCharacters(text), `${label}不能包含控制字符`);

const b = CHONGQING_BOUNDS;

export const pickupPointFieldsSchema = z.object({
  name: line('名称', 40, true),
  district: districtSchema,
  address: line('地址', 120, true),
  longitude: z
    .number('请输入经度')
    .min(b.minLongitude, `经度须在 ${b.minLongitude}–${b.maxLongitude} 之间（重庆）`)
    .max(b.maxLongitude, `经度须在 ${b.minLongitude}–${b.maxLongitude} 之间（重庆）`),
  latitude: z
    .number('请输入纬度')
    .min(b.minLatitude, `纬度须在 ${b.minLatitude}–${b.maxLatitude} 之间（重庆）`)
    .max(b.maxLatitude, `纬度须在 ${b.minLatitude}–${b.maxLatitude} 之间（重庆）`),
  /** 营业时间, e.g. `09:00-21:00`. */
  openHours: line('营业时间', 40, false).default(''),
  contactName: line('联系人', 20, false).default(''),
  contactPhone: z
    .string()
    .trim()
    .refine((phone) => phone === '' || CONTACT_PHONE.test(phone), '请输入手机号或带区号的座机号')
    .default(''),
});

export const pickupPointViewSchema = z.object({
  pickupPointId: idSchema,
  name: z.string(),
  district: districtSchema,
  address: z.string(),
  longitude: z.number(),
  latitude: z.number(),
  openHours: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: pickupPointStatusSchema,
  createdAt: instantSchema.optional(),
  updatedAt: instantSchema.optional(),
});
export type PickupPointView = z.infer<typeof pickupPointViewSchema>;
