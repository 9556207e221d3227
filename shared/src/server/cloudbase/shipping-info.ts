/**
 * Uploading a shipment to WeChat's 发货信息管理 through 云调用: `cloud.openapi.wxa.sec.order.uploadShippingInfo`
 * (`POST /wxa/sec/order/upload_shipping_info`). wx-server-sdk's openapi proxy takes any depth of path and turns
 * the payload's keys into snake_case, nested ones too; the calling function's `config.json` lists the API in
 * `permissions.openapi`.
 */
import type { ShippingInfo } from '../../domain/shipping-report.schema';
import { wxCloud } from './db';

/**
 * WeChat's answer: errcode 0 when it took the upload, else its errcode (the documented ones are in
 * `SHIPPING_INFO_ERRCODES`; a platform failure has its own negative code, and -1 when the call gave none).
 */
export interface ShippingInfoAnswer {
  readonly errcode: number;
  readonly errmsg: string;
}

type UploadShippingInfo = (info: ShippingInfo) => Promise<{ errCode?: number; errMsg?: string }>;

export async function uploadShippingInfo(info: ShippingInfo): Promise<ShippingInfoAnswer> {
  const openapi = wxCloud().openapi as unknown as {
    wxa: { sec: { order: { uploadShippingInfo: UploadShippingInfo } } };
  };
  try {
    const reply = await openapi.wxa.sec.order.uploadShippingInfo(info);
    return { errcode: 0, errmsg: reply.errMsg ?? 'ok' };
  } catch (error) {
    const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
    return {
      errcode: typeof errCode === 'number' && errCode !== 0 ? errCode : -1,
      errmsg: typeof errMsg === 'string' ? errMsg : String(error),
    };
  }
}
