/**
 * 申请售后 (`?orderId=`): getOrder says what may be asked for (`afterSaleTypes`); the shopper picks
 * the type and reason, describes the problem, may lower the refund, and adds up to 6 photos, each uploaded to
 * their own after-sales folder as soon as chosen (services/storage.ts). 提交 sends requestAfterSale with the
 * form's key and opens the request's page.
 */
import type { AfterSaleReason, AfterSaleType } from '@shared/client';
import { callFunction } from '../../../../services/cloud';
import { login } from '../../../../services/session';
import { uploadAfterSalePhoto } from '../../../../services/storage';
import { afterSaleDetailUrl } from '../../../../utils/routes';
import {
  type ApplyForm,
  type ApplyFormView,
  applyFormView,
  applyOrderLoaded,
  type ApplyOrder,
  applyRequest,
  DESCRIPTION_MAX,
  initialForm,
  newRequestKey,
  type Photo,
  REASON_OPTIONS,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'empty' | 'ready',
    message: '',
    order: null as ApplyOrder | null,
    form: null as ApplyForm | null,
    view: null as ApplyFormView | null,
    reasons: REASON_OPTIONS,
    reasonIndex: -1,
    descriptionMax: DESCRIPTION_MAX,
    uploading: false,
    submitting: false,
  },
  orderId: '',
  /** This form's key: every 提交 of it is the same request. */
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    this.orderId = query.orderId ?? '';
    this.requestKey = newRequestKey();
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    const loaded = applyOrderLoaded(await callFunction('getOrder', { orderId: this.orderId }));
    if (loaded.state !== 'ready') return this.setData(loaded);
    const form = initialForm(loaded.order);
    this.setData({ ...loaded, form, view: applyFormView(loaded.order, form), reasonIndex: -1 });
  },

  /** Changes the form and what it shows. */
  change(patch: Partial<ApplyForm>) {
    const { order, form } = this.data;
    if (!order || !form) return;
    const next = { ...form, ...patch };
    this.setData({ form: next, view: applyFormView(order, next) });
  },

  onType(event: WechatMiniprogram.CustomEvent<{ value: AfterSaleType }>) {
    this.change({ type: event.detail.value });
  },

  onReason(event: WechatMiniprogram.PickerChange) {
    const reasonIndex = Number(event.detail.value);
    const reason: AfterSaleReason | '' = REASON_OPTIONS[reasonIndex]?.value ?? '';
    this.setData({ reasonIndex });
    this.change({ reason });
  },

  onDescription(event: WechatMiniprogram.Input) {
    this.change({ description: event.detail.value });
  },

  onAmount(event: WechatMiniprogram.Input) {
    this.change({ amountText: event.detail.value });
  },

  async onAddPhoto() {
    const left = this.data.view?.photosLeft ?? 0;
    if (left <= 0 || this.data.uploading) return;
    let chosen: string[];
    try {
      const media = await wx.chooseMedia({
        count: left,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      chosen = media.tempFiles.map((file) => file.tempFilePath).slice(0, left);
    } catch {
      return; // the shopper closed the picker
    }
    if (chosen.length === 0) return;
    this.setData({ uploading: true });
    const me = await login();
    const uploaded = me.ok
      ? await Promise.all(
          chosen.map((path) =>
            uploadAfterSalePhoto(path, me.data.openid).then(
              (fileId): Photo => ({ path, fileId }),
              () => undefined,
            ),
          ),
        )
      : [];
    const stored = uploaded.filter((photo): photo is Photo => photo !== undefined);
    this.setData({ uploading: false });
    if (stored.length < chosen.length) toast('有图片上传失败，请重试');
    this.change({ photos: [...(this.data.form?.photos ?? []), ...stored] });
  },

  onRemovePhoto(event: WechatMiniprogram.BaseEvent<Record<string, never>, { index: number }>) {
    const photos = [...(this.data.form?.photos ?? [])];
    photos.splice(Number(event.currentTarget.dataset.index), 1);
    this.change({ photos });
  },

  onPreviewPhoto(event: WechatMiniprogram.BaseEvent<Record<string, never>, { path: string }>) {
    const urls = (this.data.form?.photos ?? []).map((photo) => photo.path);
    void wx.previewImage({ urls, current: event.currentTarget.dataset.path });
  },

  async onSubmit() {
    const { order, form } = this.data;
    if (!order || !form || this.data.submitting || this.data.uploading) return;
    const request = applyRequest(order, form, this.requestKey);
    if ('error' in request) return toast(request.error);
    this.setData({ submitting: true });
    const answer = await callFunction('requestAfterSale', request);
    this.setData({ submitting: false });
    if (!answer.ok) return toast(answer.error.message);
    toast('已提交售后申请');
    void wx.redirectTo({ url: afterSaleDetailUrl(answer.data.afterSaleId) });
  },
});
