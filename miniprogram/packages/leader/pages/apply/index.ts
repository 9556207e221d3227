/**
 * 申请成为团长: loads the pickup points (nearest first when the shopper shares a location); the shopper fills in
 * name, mobile and community, then picks an existing point or describes their own shop (its place chosen on
 * WeChat's map). 提交申请 sends applyForLeader with the form's key and opens the application's page.
 */
import { callFunction } from '../../../../services/cloud';
import { locate } from '../../../../services/location';
import { leaderStatusUrl } from '../../../../utils/routes';
import {
  applyPointsLoaded,
  chosenLocation,
  DISTRICT_OPTIONS,
  initialLeaderForm,
  type LeaderForm,
  leaderApplyRequest,
  leaderFormView,
  MODE_OPTIONS,
  newRequestKey,
  type PointMode,
  type PointOption,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    points: [] as PointOption[],
    form: initialLeaderForm(),
    view: leaderFormView(initialLeaderForm(), []),
    modes: MODE_OPTIONS,
    districts: DISTRICT_OPTIONS,
    submitting: false,
  },
  /** This form's key: every 提交 of it is the same application. */
  requestKey: '',

  onLoad() {
    this.requestKey = newRequestKey();
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  async load() {
    const here = await locate();
    const answer = await callFunction('listPickupPoints', here.kind === 'granted' ? { location: here.location } : {});
    const loaded = applyPointsLoaded(answer);
    if (loaded.state !== 'ready') return this.setData(loaded);
    this.setData({ ...loaded, view: leaderFormView(this.data.form, loaded.points) });
  },

  /** Changes the form and what it shows. */
  change(patch: Partial<LeaderForm>) {
    const form = { ...this.data.form, ...patch };
    this.setData({ form, view: leaderFormView(form, this.data.points) });
  },

  onName(event: WechatMiniprogram.Input) {
    this.change({ name: event.detail.value });
  },

  onPhone(event: WechatMiniprogram.Input) {
    this.change({ phone: event.detail.value });
  },

  onCommunity(event: WechatMiniprogram.Input) {
    this.change({ community: event.detail.value });
  },

  onMode(event: WechatMiniprogram.CustomEvent<{ value: PointMode }>) {
    this.change({ mode: event.detail.value });
  },

  onPoint(event: WechatMiniprogram.PickerChange) {
    this.change({ pointIndex: Number(event.detail.value) });
  },

  onShopName(event: WechatMiniprogram.Input) {
    this.change({ shopName: event.detail.value });
  },

  onShopAddress(event: WechatMiniprogram.Input) {
    this.change({ shopAddress: event.detail.value });
  },

  onDistrict(event: WechatMiniprogram.PickerChange) {
    this.change({ districtIndex: Number(event.detail.value) });
  },

  async onChooseLocation() {
    try {
      const chosen = await wx.chooseLocation({});
      this.change(chosenLocation(this.data.form, chosen));
    } catch {
      // the shopper closed the map
    }
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const request = leaderApplyRequest(this.data.form, this.data.points, this.requestKey);
    if ('error' in request) return toast(request.error);
    this.setData({ submitting: true });
    const answer = await callFunction('applyForLeader', request);
    this.setData({ submitting: false });
    if (!answer.ok) return toast(answer.error.message);
    toast('已提交团长申请');
    void wx.redirectTo({ url: leaderStatusUrl() });
  },
});
