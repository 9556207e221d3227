/**
 * An after-sales request (`?afterSaleId=`): getAfterSale on every show. 撤销申请 (withdrawAfterSale), the
 * return's carrier and waybill (submitReturnParcel) and 确认收到换货 (confirmReplacementReceived) each answer the
 * request as it now stands, which the page shows at once.
 */
import type { AfterSaleView, Envelope } from '@shared/client';
import { callFunction } from '../../../../services/cloud';
import { orderDetailUrl } from '../../../../utils/routes';
import {
  type AfterSaleDetailView,
  afterSaleDetailLoaded,
  CARRIER_OPTIONS,
  carrierText,
  CONFIRM_REPLACEMENT_MODAL,
  returnParcelRequest,
  WITHDRAW_MODAL,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    afterSale: null as AfterSaleDetailView | null,
    carriers: CARRIER_OPTIONS,
    carrierIndex: -1,
    carrierText: carrierText(-1),
    trackingNo: '',
    acting: false,
  },
  afterSaleId: '',

  onLoad(query: Record<string, string | undefined>) {
    this.afterSaleId = query.afterSaleId ?? '';
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    this.setData(afterSaleDetailLoaded(await callFunction('getAfterSale', { afterSaleId: this.afterSaleId })));
  },

  /** An action's answer: the request as it now stands, or its refusal as a toast. */
  acted(answer: Envelope<AfterSaleView>, done: string) {
    this.setData({ acting: false });
    if (!answer.ok) return toast(answer.error.message);
    this.setData(afterSaleDetailLoaded(answer));
    toast(done);
  },

  onOpenOrder() {
    const orderId = this.data.afterSale?.orderId;
    if (orderId) void wx.navigateTo({ url: orderDetailUrl(orderId) });
  },

  onPreviewPhoto(event: WechatMiniprogram.BaseEvent<Record<string, never>, { url: string }>) {
    const urls = this.data.afterSale?.photos ?? [];
    void wx.previewImage({ urls, current: event.currentTarget.dataset.url });
  },

  onCarrierChange(event: WechatMiniprogram.PickerChange) {
    const carrierIndex = Number(event.detail.value);
    this.setData({ carrierIndex, carrierText: carrierText(carrierIndex) });
  },

  onTrackingNoInput(event: WechatMiniprogram.Input) {
    this.setData({ trackingNo: event.detail.value });
  },

  async onSubmitReturn() {
    const request = returnParcelRequest(this.afterSaleId, this.data.carrierIndex, this.data.trackingNo);
    if ('error' in request) return toast(request.error);
    this.setData({ acting: true });
    this.acted(await callFunction('submitReturnParcel', request), '已提交运单号');
  },

  async onWithdraw() {
    if (!(await wx.showModal({ ...WITHDRAW_MODAL })).confirm) return;
    this.setData({ acting: true });
    this.acted(await callFunction('withdrawAfterSale', { afterSaleId: this.afterSaleId }), '已撤销');
  },

  async onConfirmReplacement() {
    if (!(await wx.showModal({ ...CONFIRM_REPLACEMENT_MODAL })).confirm) return;
    this.setData({ acting: true });
    this.acted(await callFunction('confirmReplacementReceived', { afterSaleId: this.afterSaleId }), '已确认收货');
  },
});
