/**
 * Every error code the product returns, with the message a shopper (or a member of staff) sees. Codes are
 * stable API: the mini-program and the console switch on them. Add a code here, never a free-form string
 * elsewhere.
 */
export const ERROR_MESSAGES = {
  INVALID_ARGUMENT: '请求参数有误，请检查后重试',
  UNAUTHENTICATED: '请先登录微信后再试',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已下架',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  ACTIVITY_NOT_STARTED: '活动尚未开始',
  ACTIVITY_ENDED: '活动已结束',
  ACTIVITY_PAUSED: '活动已暂停，请稍后再来',
  GROUP_FULL: '该团已满员，去看看其他团吧',
  GROUP_EXPIRED: '该团已过期',
  GROUP_SUCCEEDED: '该团已成团，去看看其他团吧',
  GROUP_NOT_JOINABLE: '该团当前不可参加',
  ALREADY_JOINED: '你已经在这个团里了',
  OWN_GROUP: '不能参加自己开的团，分享给好友吧',
  OUT_OF_STOCK: '库存不足',
  LIMIT_EXCEEDED: '超出限购数量',
  NEW_CUSTOMER_ONLY: '该团仅限新用户参加',
  OUT_OF_SCOPE: '你所在的位置不在活动范围内',
  PICKUP_POINT_ONLY: '本团为社区团，只能到团长的自提点自提，请选择该自提点',
  ORDER_NOT_PAYABLE: '订单已关闭或已支付',
  PAYMENT_MISMATCH: '支付金额与订单不符',
  PAYMENT_FAILED: '支付失败，请稍后重试',
  REFUND_FAILED: '退款处理中，请稍后查看',
  ORDER_NOT_REFUNDABLE: '该订单当前不可退款（拼团中的订单请关闭拼团退款）',
  REFUND_EXCEEDS_PAID: '退款金额超过订单可退金额',
  EXPORT_TOO_LARGE: '导出的订单超过 10000 条，请缩小查询范围',
  CONTENT_RISKY: '内容含有不适宜的信息，请修改后重试',
  UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
  // Staff of the web console (admin/): they sign in with an account and password, not through WeChat.
  INVALID_CREDENTIALS: '账号或密码错误',
  ACCOUNT_LOCKED: '密码错误次数过多，账号已锁定，请 15 分钟后再试',
  SESSION_INVALID: '登录已失效，请重新登录',
  PASSWORD_CHANGE_REQUIRED: '请先修改密码后再继续',
  WRONG_PASSWORD: '原密码不正确',
  // The catalogue: products taken down (下架) or incomplete, and pickup points no longer in use.
  PRODUCT_OFF_SALE: '商品已下架',
  PRODUCT_INCOMPLETE: '商品至少需要一张图片和一个规格才能上架',
  PICKUP_POINT_INACTIVE: '该自提点已停用，请选择其他自提点',
  ACCOUNT_TAKEN: '该账号已存在，请换一个账号名',
  LAST_ACTIVE_OPS: '至少要保留一个启用的平台运营账号',
  NOT_ON_SELF: '不能对自己的账号执行此操作',
  // Interventions on a group (运营干预), refused by the group's state or the activity's rules.
  GROUP_NOT_FORMING: '该团已不在拼团中，请刷新后查看',
  DEADLINE_NOT_EXTENDABLE: '新的截止时间须晚于当前截止时间，最多延长 24 小时，且不能晚于活动结束时间',
  GUARANTEE_NOT_MET: '该活动未开启成团保障，或已付款人数未达到保障比例',
  // Fulfilment and after-sales (售后).
  ORDER_NOT_SHIPPABLE: '该订单当前不可发货，请刷新后查看',
  PICKUP_CODE_INVALID: '取货码不正确，或该订单不在本自提点',
  ORDER_NOT_RECEIVABLE: '该订单当前不可确认收货',
  AFTER_SALE_NOT_ALLOWED: '该订单当前不支持这种售后申请',
  AFTER_SALE_WINDOW_CLOSED: '已超过售后期限',
  AFTER_SALE_ALREADY_OPEN: '该订单已有进行中的售后申请',
  AFTER_SALE_NOT_ACTIONABLE: '该售后申请当前不可进行此操作，请刷新后查看',
  // The 团长 programme: applications, commission rules, withdrawals.
  ALREADY_LEADER: '你已经是团长了',
  LEADER_APPLICATION_OPEN: '你的团长申请正在审核中，请耐心等待',
  LEADER_APPLICATION_NOT_ACTIONABLE: '该团长申请当前不可进行此操作，请刷新后查看',
  PICKUP_POINT_TAKEN: '该自提点已有团长，请选择其他自提点或登记自己的店铺',
  COMMISSION_TOO_HIGH: '每件佣金不能超过团长价或拼团价（取较低者）的 20%',
  WITHDRAWAL_BELOW_MINIMUM: '单次提现金额不能低于 ¥1.00',
  WITHDRAWAL_EXCEEDS_BALANCE: '提现金额超过可提现余额',
  WITHDRAWAL_DAILY_CAP: '超出今日提现额度（每天最多提现 ¥1000.00）',
  WITHDRAWAL_NOT_ACTIONABLE: '该提现申请当前不可进行此操作，请刷新后查看',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_MESSAGES, value);
}

/** The Chinese message for a code; unknown codes read as INTERNAL so a shopper never sees a raw code. */
export function userMessage(code: string): string {
  return isErrorCode(code) ? ERROR_MESSAGES[code] : ERROR_MESSAGES.INTERNAL;
}

/**
 * An expected failure with a stable code. Throw it from domain or use-case code; the runtime wrappers
 * turn it into `{ ok: false, error: { code, message } }`. `detail` is for logs, never shown to users.
 */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string) {
    super(detail === undefined ? code : `${code}: ${detail}`);
    this.name = 'DomainError';
    this.code = code;
    this.detail = detail;
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
