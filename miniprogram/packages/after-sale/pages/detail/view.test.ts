import { failure, money, parseBusinessTime, success } from '@shared/client';
import { describe, expect, it } from 'vitest';
import {
  type AfterSale,
  afterSaleDetailLoaded,
  afterSaleDetailView,
  CARRIER_OPTIONS,
  carrierText,
  returnParcelRequest,
} from './view';

const at = (text: string) => parseBusinessTime(text);
const base: AfterSale = {
  afterSaleId: 'ASo1-1',
  orderId: 'o1',
  title: '江津花椒 250g',
  type: 'return_refund',
  typeLabel: '退货退款',
  status: 'pending_review',
  statusLabel: '待商家处理',
  amount: money.fen(3980),
  createdAt: at('2025-06-01 12:00'),
  updatedAt: at('2025-06-01 12:00'),
  reason: 'quality',
  reasonLabel: '质量问题',
  description: '花椒受潮结块',
  photos: ['https://tmp.example/a.png'],
  reviewDeadlineAt: at('2025-06-03 12:00'),
  actions: ['withdraw'],
  history: [{ at: at('2025-06-01 12:00'), status: 'pending_review', statusLabel: '待商家处理' }],
};
const view = (patch: Partial<AfterSale>) => afterSaleDetailView({ ...base, ...patch });
const parcel = {
  carrier: 'zhongtong',
  carrierName: '中通快递',
  trackingNo: 'ZT12345678',
  shippedAt: at('2025-06-02 10:00'),
} as const;
const refund = (status: NonNullable<AfterSale['refund']>['status']) => ({
  status,
  amount: money.fen(3980),
  updatedAt: at('2025-06-04 10:00'),
});

describe('after-sales request: where it stands and what comes next', () => {
  it('待商家处理: until when the merchant may answer, what was asked, the photos, 撤销申请', () => {
    expect(view({})).toEqual({
      afterSaleId: 'ASo1-1',
      orderId: 'o1',
      statusLabel: '待商家处理',
      explanation: '商家将在 06-03 12:00 前处理，逾期未处理将自动同意',
      rows: [
        { label: '售后类型', value: '退货退款' },
        { label: '申请原因', value: '质量问题' },
        { label: '申请金额', value: '¥39.80' },
        { label: '申请时间', value: '2025-06-01 12:00' },
      ],
      description: '花椒受潮结块',
      photos: ['https://tmp.example/a.png'],
      returnRows: [],
      replacementRows: [],
      history: [{ time: '2025-06-01 12:00', statusLabel: '待商家处理', note: '', latest: true }],
      canWithdraw: true,
      canSubmitReturn: false,
      canConfirmReplacement: false,
    });
  });

  it('待寄回商品: the return deadline and the waybill form; the history newest first', () => {
    const approved = view({
      status: 'awaiting_return',
      statusLabel: '待寄回商品',
      reviewDeadlineAt: undefined,
      returnDeadlineAt: at('2025-06-09 12:00'),
      actions: ['submit_return', 'withdraw'],
      history: [
        ...base.history,
        { at: at('2025-06-02 09:00'), status: 'awaiting_return', statusLabel: '待寄回商品', note: '请寄回原包装' },
      ],
    });
    expect(approved).toMatchObject({
      explanation: '商家已同意，请在 06-09 12:00 前寄回商品并填写运单号，逾期申请将关闭',
      canSubmitReturn: true,
      canWithdraw: true,
    });
    expect(approved.history).toEqual([
      { time: '2025-06-02 09:00', statusLabel: '待寄回商品', note: '请寄回原包装', latest: true },
      { time: '2025-06-01 12:00', statusLabel: '待商家处理', note: '', latest: false },
    ]);
  });

  it('商品寄回中 and 退款中: the parcel sent back, then the refund and where its money is', () => {
    expect(view({ status: 'returning', actions: [], returnParcel: parcel })).toMatchObject({
      explanation: '商品寄回中，商家收到后为你处理',
      returnRows: [
        { label: '快递公司', value: '中通快递' },
        { label: '运单号', value: 'ZT12345678' },
        { label: '寄出时间', value: '2025-06-02 10:00' },
      ],
      canWithdraw: false,
      canSubmitReturn: false,
    });
    const refunding = view({
      status: 'refunding',
      actions: [],
      refundAmount: money.fen(2000),
      refund: refund('processing'),
    });
    expect(refunding.explanation).toBe('退款处理中，预计1-3个工作日原路退回');
    expect(refunding.rows).toEqual(
      expect.arrayContaining([
        { label: '退款金额', value: '¥20.00' },
        { label: '退款进度', value: '退款处理中，预计1-3个工作日原路退回' },
      ]),
    );
    expect(view({ status: 'refunded', actions: [], refund: refund('succeeded') }).explanation).toBe('已原路退回');
    expect(view({ status: 'refunding', actions: [] }).explanation).toBe('退款处理中，预计1-3个工作日原路退回');
  });

  it('换货: waiting for the replacement, then its parcel and 确认收到换货, then done', () => {
    const exchange = { type: 'exchange', typeLabel: '换货', amount: undefined } as const;
    expect(view({ ...exchange, status: 'awaiting_replacement', actions: [] })).toMatchObject({
      explanation: '商家已收到寄回的商品，将尽快发出换货',
      rows: [
        { label: '售后类型', value: '换货' },
        { label: '申请原因', value: '质量问题' },
        { label: '申请时间', value: '2025-06-01 12:00' },
      ],
    });
    const shipped = view({
      ...exchange,
      status: 'replacement_shipped',
      replacementParcel: parcel,
      actions: ['confirm_replacement'],
    });
    expect(shipped).toMatchObject({
      explanation: '换货已发出，收到后请确认收货',
      replacementRows: [
        { label: '快递公司', value: '中通快递' },
        { label: '运单号', value: 'ZT12345678' },
        expect.anything(),
      ],
      canConfirmReplacement: true,
    });
    expect(view({ ...exchange, status: 'exchanged', actions: [] }).explanation).toBe('换货已完成');
  });

  it('商家已拒绝 says why; 已关闭 says so', () => {
    const declined = view({ status: 'declined', declineReason: '商品已使用，不支持退货', actions: [] });
    expect(declined.explanation).toBe('商家拒绝了申请：商品已使用，不支持退货');
    expect(declined.rows).toContainEqual({ label: '拒绝原因', value: '商品已使用，不支持退货' });
    expect(view({ status: 'declined', actions: [] }).explanation).toBe('商家拒绝了申请');
    expect(view({ status: 'closed', actions: [] }).explanation).toBe('售后申请已关闭');
    expect(view({ reviewDeadlineAt: undefined }).explanation).toBe('等待商家处理');
    expect(view({ status: 'awaiting_return' }).explanation).toBe('商家已同意，请寄回商品并填写运单号');
  });

  it("shows the envelope's message when the request cannot be read", () => {
    expect(afterSaleDetailLoaded(failure('NOT_FOUND'))).toEqual({ state: 'error', message: '内容不存在或已下架' });
    expect(afterSaleDetailLoaded(success(base))).toMatchObject({
      state: 'ready',
      afterSale: { afterSaleId: 'ASo1-1' },
    });
  });
});

describe('after-sales request: the return waybill', () => {
  it('offers every carrier by its name', () => {
    expect(CARRIER_OPTIONS[0]).toEqual({ value: 'shunfeng', label: '顺丰速运' });
    expect(CARRIER_OPTIONS.map((c) => c.label)).toContain('中通快递');
    expect(carrierText(-1)).toBe('请选择快递公司');
    expect(carrierText(1)).toBe('中通快递');
  });

  it('asks for a carrier and a waybill of letters and digits, spaces taken out', () => {
    expect(returnParcelRequest('AS1', -1, 'ZT12345678')).toEqual({ error: '请选择快递公司' });
    expect(returnParcelRequest('AS1', 1, '  ')).toEqual({ error: '请填写运单号' });
    expect(returnParcelRequest('AS1', 1, 'ZT-1234')).toEqual({ error: '运单号应为6-32位字母或数字' });
    expect(returnParcelRequest('AS1', 1, ' ZT 1234 5678 ')).toEqual({
      afterSaleId: 'AS1',
      carrier: 'zhongtong',
      trackingNo: 'ZT12345678',
    });
  });
});
