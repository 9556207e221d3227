/**
 * Confirming a 团长 withdrawal's receipt (确认收款), WeChat's prompt of a 商家转账 bill that waits for its user. In
 * the cloud it is `wx.requestMerchantTransfer` with what listMyWithdrawals gave (`mchId`, `appId`, and the bill's
 * `packageInfo` as `package`). In local mode the emulator stands in for WeChat, as for paying: the leader confirms
 * through its 商家转账 sandbox (`POST /_emulator/wechatpay/transfer/confirm`, the bill named by its package and
 * checked against the caller's openid), which then notifies transferCallback as WeChat would. Either way the page
 * learns whether the money arrived from the server (listMyWithdrawals), never from this answer.
 */
import type { WithdrawalView } from '@shared/client';
import { currentCloud, postLocal } from './cloud';

export type TransferConfirmation = NonNullable<WithdrawalView['confirmation']>;

export type ConfirmOutcome = 'confirmed' | 'cancelled' | 'failed';

/** The emulator's stand-in for WeChat's confirmation page. */
export const LOCAL_TRANSFER_CONFIRM_PATH = '/_emulator/wechatpay/transfer/confirm';

export async function confirmTransfer(confirmation: TransferConfirmation): Promise<ConfirmOutcome> {
  const cloud = currentCloud();
  if (cloud.mode === 'local') {
    try {
      await postLocal(cloud.gatewayUrl, cloud.openid, LOCAL_TRANSFER_CONFIRM_PATH, {
        package: confirmation.packageInfo,
        openid: cloud.openid,
      });
      return 'confirmed';
    } catch {
      return 'failed';
    }
  }
  return new Promise((resolve) => {
    wx.requestMerchantTransfer({
      mchId: confirmation.mchId,
      appId: confirmation.appId,
      package: confirmation.packageInfo,
      success: () => resolve('confirmed'),
      fail: (error: { errMsg?: string }) => resolve(/cancel/.test(error.errMsg ?? '') ? 'cancelled' : 'failed'),
    });
  });
}
