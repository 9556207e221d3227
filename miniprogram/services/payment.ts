/**
 * Paying and subscribing, the two WeChat prompts of the pay tap. In the cloud they are `wx.requestPayment`
 * (with the params the order function returned) and `wx.requestSubscribeMessage`. In local mode the
 * emulator stands in for WeChat: the shopper "pays" through its CloudPay sandbox, which then calls
 * payCallback exactly as CloudPay would, and accepting messages grants the sandbox's one-time credits.
 */
import { type paymentParamsSchema, SUBSCRIBE_TEMPLATES } from '@shared/client';
import { currentCloud, postLocal } from './cloud';

type PaymentParams = ReturnType<(typeof paymentParamsSchema)['parse']>;

export type PayOutcome = 'paid' | 'cancelled' | 'failed';

/** The templates asked for at the pay tap: the group's result and the parcel's dispatch. */
export const PAY_TAP_TEMPLATES = [SUBSCRIBE_TEMPLATES.groupResult, SUBSCRIBE_TEMPLATES.orderShipped];

/**
 * Asks for the subscription messages. Must run first in the tap's handler: WeChat only shows the prompt
 * from a user's tap. A refusal is fine: the order goes on without messages.
 */
export async function askForMessages(templateIds: readonly string[] = PAY_TAP_TEMPLATES): Promise<string[]> {
  const cloud = currentCloud();
  if (cloud.mode === 'local') {
    await postLocal(cloud.gatewayUrl, cloud.openid, '/_emulator/subscribe/grant', {
      openid: cloud.openid,
      templateIds,
    }).catch(() => undefined);
    return [...templateIds];
  }
  try {
    const answer = (await wx.requestSubscribeMessage({ tmplIds: [...templateIds] } as never)) as unknown as Record<
      string,
      string
    >;
    return templateIds.filter((id) => answer[id] === 'accept');
  } catch {
    return [];
  }
}

/** Pays an order: `paid` once WeChat says so (the order turns paid when CloudPay's callback lands). */
export async function pay(orderId: string, params: PaymentParams): Promise<PayOutcome> {
  const cloud = currentCloud();
  if (cloud.mode === 'local') {
    try {
      await postLocal(cloud.gatewayUrl, cloud.openid, `/_emulator/pay/${encodeURIComponent(orderId)}/pay`, {});
      return 'paid';
    } catch {
      return 'failed';
    }
  }
  try {
    await wx.requestPayment({ ...params, signType: params.signType as 'MD5' | 'HMAC-SHA256' | 'RSA' });
    return 'paid';
  } catch (error) {
    return /cancel/.test((error as { errMsg?: string }).errMsg ?? '') ? 'cancelled' : 'failed';
  }
}
