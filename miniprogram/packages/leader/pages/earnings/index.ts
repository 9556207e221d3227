/**
 * 我的收益 (团长, from the status page's 团长工具): listMyWithdrawals (the balance, with the limits and the most they
 * may ask now) and getMyEarnings (the entries) together on every show. 申请提现 asks in a modal, then sends
 * requestWithdrawal with the form's key: a second tap, or a retry after a lost answer, is the same withdrawal; the key
 * changes with the amount and after each withdrawal recorded. 确认收款 opens WeChat's confirmation of a transfer
 * waiting for the leader (services/merchant-transfer), then reads the list again. The two lists page on reaching the
 * bottom, the one shown.
 */
import { callFunction } from '../../../../services/cloud';
import { confirmTransfer } from '../../../../services/merchant-transfer';
import { footerText, PAGE_SIZE } from '../../../../utils/paging';
import { newRequestKey } from '../apply/view';
import {
  balanceView,
  type BalanceView,
  type EarningsTab,
  earningsLoaded,
  entryRow,
  type EntryRow,
  TABS,
  withdrawalRow,
  type WithdrawalRow,
  withdrawModal,
  withdrawRequest,
  withNewWithdrawal,
} from './view';

const toast = (title: string) => void wx.showToast({ title, icon: 'none' });

const CONFIRM_TOASTS = {
  confirmed: '已确认收款，到账后将更新状态',
  cancelled: '已取消确认，可稍后再试',
  failed: '确认收款未完成，请稍后再试',
} as const;

Page({
  data: {
    state: 'loading' as 'loading' | 'error' | 'ready',
    message: '',
    balance: null as BalanceView | null,
    amountText: '',
    submitting: false,
    tabs: TABS,
    tab: 'withdrawals' as EarningsTab,
    withdrawals: [] as WithdrawalRow[],
    withdrawalsMore: false,
    entries: [] as EntryRow[],
    entriesMore: false,
    loadingMore: false,
    footer: '',
    confirming: '',
  },
  /** This amount's key: every 提交 of it is the same withdrawal. */
  requestKey: '',
  /** Counts loads, so an answer that arrives after a newer load started is dropped. */
  loads: 0,

  onLoad() {
    this.requestKey = newRequestKey();
  },

  onShow() {
    void this.load();
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  async load() {
    const load = ++this.loads;
    const page = { limit: PAGE_SIZE, offset: 0 };
    const [withdrawals, earnings] = await Promise.all([
      callFunction('listMyWithdrawals', page),
      callFunction('getMyEarnings', page),
    ]);
    if (load !== this.loads) return;
    const loaded = earningsLoaded(withdrawals, earnings);
    if (loaded.state === 'error') return this.setData(loaded);
    const more = this.data.tab === 'withdrawals' ? loaded.withdrawalsMore : loaded.entriesMore;
    this.setData({ ...loaded, loadingMore: false, footer: footerText(more, false) });
  },

  onTab(event: WechatMiniprogram.BaseEvent<Record<string, never>, { tab: EarningsTab }>) {
    const { tab } = event.currentTarget.dataset;
    const more = tab === 'withdrawals' ? this.data.withdrawalsMore : this.data.entriesMore;
    this.setData({ tab, footer: footerText(more, false) });
  },

  async onReachBottom() {
    const { tab, state, loadingMore } = this.data;
    const withdrawalsTab = tab === 'withdrawals';
    if (state !== 'ready' || loadingMore || !(withdrawalsTab ? this.data.withdrawalsMore : this.data.entriesMore))
      return;
    this.setData({ loadingMore: true, footer: footerText(true, true) });
    const load = this.loads;
    if (withdrawalsTab) {
      const answer = await callFunction('listMyWithdrawals', {
        limit: PAGE_SIZE,
        offset: this.data.withdrawals.length,
      });
      if (load !== this.loads) return;
      if (!answer.ok) toast(answer.error.message);
      const more = answer.ok ? answer.data.hasMore : true;
      this.setData({
        ...(answer.ok
          ? { withdrawals: [...this.data.withdrawals, ...answer.data.withdrawals.map(withdrawalRow)] }
          : {}),
        withdrawalsMore: more,
        loadingMore: false,
        footer: footerText(more, false),
      });
    } else {
      const answer = await callFunction('getMyEarnings', { limit: PAGE_SIZE, offset: this.data.entries.length });
      if (load !== this.loads) return;
      if (!answer.ok) toast(answer.error.message);
      const more = answer.ok ? answer.data.hasMore : true;
      this.setData({
        ...(answer.ok ? { entries: [...this.data.entries, ...answer.data.entries.map(entryRow)] } : {}),
        entriesMore: more,
        loadingMore: false,
        footer: footerText(more, false),
      });
    }
  },

  onAmount(event: WechatMiniprogram.Input) {
    if (event.detail.value !== this.data.amountText) this.requestKey = newRequestKey();
    this.setData({ amountText: event.detail.value });
  },

  onAll() {
    const maxText = this.data.balance?.maxText ?? '';
    if (maxText && maxText !== this.data.amountText) this.requestKey = newRequestKey();
    this.setData({ amountText: maxText });
  },

  async onWithdraw() {
    if (this.data.submitting) return;
    const request = withdrawRequest(this.data.amountText, this.requestKey);
    if ('error' in request) return toast(request.error);
    this.setData({ submitting: true });
    if (!(await wx.showModal({ ...withdrawModal(request.amount) })).confirm) {
      return this.setData({ submitting: false });
    }
    const answer = await callFunction('requestWithdrawal', request);
    if (!answer.ok) {
      this.setData({ submitting: false });
      return toast(answer.error.message);
    }
    this.requestKey = newRequestKey();
    this.setData({
      submitting: false,
      amountText: '',
      tab: 'withdrawals',
      balance: balanceView(answer.data.balance),
      withdrawals: withNewWithdrawal(this.data.withdrawals, answer.data.withdrawal),
      footer: footerText(this.data.withdrawalsMore, false),
    });
    toast('已提交提现申请，等待平台审核');
  },

  async onConfirm(event: WechatMiniprogram.BaseEvent<Record<string, never>, { withdrawalId: string }>) {
    const { withdrawalId } = event.currentTarget.dataset;
    const confirmation = this.data.withdrawals.find((row) => row.withdrawalId === withdrawalId)?.confirmation;
    if (!confirmation || this.data.confirming) return;
    this.setData({ confirming: withdrawalId });
    const outcome = await confirmTransfer(confirmation);
    this.setData({ confirming: '' });
    toast(CONFIRM_TOASTS[outcome]);
    await this.load();
  },
});
