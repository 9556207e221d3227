/**
 * 自提点工作台 (团长中心): getPickupDesk on every show; 扫码核销 scans the shopper's pickup QR (`wx.scanCode`, QR
 * codes only, from the camera) or takes the typed code, checks it with verifyPickupAtPoint, says the result in a
 * toast and on the page, and reads the desk again after a hand-over.
 */
import { callFunction } from '../../../../services/cloud';
import { type DeskView, deskLoaded, scannedCode, typedCode, type VerifyResult, verifyResult } from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    desk: null as DeskView | null,
    code: '',
    verifying: false,
    result: null as VerifyResult | null,
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    this.setData(deskLoaded(await callFunction('getPickupDesk', {})));
  },

  onCodeInput(event: WechatMiniprogram.Input) {
    this.setData({ code: event.detail.value });
  },

  async onScan() {
    if (this.data.verifying) return;
    let scanned: WechatMiniprogram.ScanCodeSuccessCallbackResult;
    try {
      scanned = await wx.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    } catch {
      return; // the 团长 closed the camera
    }
    const read = scannedCode(scanned.result);
    if ('problem' in read) return toast(read.problem);
    await this.verify(read.code);
  },

  async onVerifyTyped() {
    if (this.data.verifying) return;
    const read = typedCode(this.data.code);
    if ('problem' in read) return toast(read.problem);
    await this.verify(read.code);
  },

  async verify(code: string) {
    this.setData({ verifying: true });
    const answer = await callFunction('verifyPickupAtPoint', { code });
    const result = verifyResult(answer);
    this.setData({ verifying: false, result, ...(answer.ok ? { code: '' } : {}) });
    toast(result.toast);
    if (answer.ok) await this.load();
  },
});
