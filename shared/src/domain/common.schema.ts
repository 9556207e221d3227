/** Building blocks shared by the aggregates: ids, instants, places. */
import * as z from '../kernel/zod';

export const idSchema = z.string().min(1).max(64);
export const openidSchema = z.string().min(1).max(128);
/**
 * Characters no name or address shown to others may hold: control characters, and the direction marks
 * and overrides (U+202E makes `user‮gnp.exe` read as `userexe.png`) that can disguise what is shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;

/** Whether text holds a control or text-direction character (a line break included). */
export const hasHiddenCharacters = (text: string): boolean => HIDDEN_CHARACTERS.test(text);

/** Text a shopper types that others will read (a nickname, an address): trimmed, with no hidden characters. */
export const shownTextSchema = (maxLength: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .refine((text) => !HIDDEN_CHARACTERS.test(text), 'no control or text-direction characters');

/** Epoch milliseconds. */
export const instantSchema = z.number().int().nonnegative();

/** Chongqing's districts and counties the product serves, as shoppers name them. */
export const DISTRICTS = [
  '渝中区',
  '江北区',
  '南岸区',
  '沙坪坝区',
  '九龙坡区',
  '渝北区',
  '大渡口区',
  '巴南区',
  '北碚区',
  '江津区',
  '奉节县',
] as const;
export const districtSchema = z.enum(DISTRICTS);
export type District = z.infer<typeof districtSchema>;

/** A GeoJSON point, `[longitude, latitude]`: what `db.Geo.Point` stores and geo queries read. */
export const geoPointSchema = z.object({
  type: z.literal('Point'),
  coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]),
});
export type GeoPoint = z.infer<typeof geoPointSchema>;

export const geoPoint = (longitude: number, latitude: number): GeoPoint => ({
  type: 'Point',
  coordinates: [longitude, latitude],
});
