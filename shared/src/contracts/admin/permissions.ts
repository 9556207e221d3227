/**
 * Who may do what in the console. The server authorises every action from its contract's `roles`; the
 * console builds its menu and guards its pages from `ADMIN_PAGES`. Both tables live here so they cannot
 * drift apart.
 *
 * - `ops`: the platform's operators; everything.
 * - `merchant`: one merchant's staff; its own products, activities, orders and shipping only (the server
 *   scopes every query by `merchantId`, the console only hides what is not theirs).
 * - `service`: customer service; orders, refunds and after-sales; no catalogue and no staff.
 */
import { STAFF_ROLES, type StaffRole } from '../../domain/staff.schema';

export { STAFF_ROLES, type StaffRole, staffRoleSchema } from '../../domain/staff.schema';

export const STAFF_ROLE_LABELS = {
  ops: '平台运营',
  merchant: '商家',
  service: '客服',
} as const satisfies Record<StaffRole, string>;

/** What each role is for, as the console tells the staff member. */
export const STAFF_ROLE_DESCRIPTIONS = {
  ops: '负责整个平台：商家、商品、活动、订单、售后与员工账号。',
  merchant: '负责本商家的商品、拼团活动、订单与发货，只能看到本商家的数据。',
  service: '负责订单查询、退款与售后处理，不管理商品和员工账号。',
} as const satisfies Record<StaffRole, string>;

/** Every role: what each signed-in member of staff may use. */
export const ANY_STAFF: readonly StaffRole[] = STAFF_ROLES;

/** The platform's operators alone. */
export const OPS_ONLY: readonly StaffRole[] = ['ops'];

/** Operators and customer service: orders' money (refunds), not the catalogue. */
export const OPS_AND_SERVICE: readonly StaffRole[] = ['ops', 'service'];

/**
 * Operators and merchants: the catalogue, the activities and the live monitor (ops for every merchant, a
 * merchant for its own); not customer service.
 */
export const OPS_AND_MERCHANT: readonly StaffRole[] = ['ops', 'merchant'];

/**
 * The console's pages that need a permission, by page key (the routes name them in `meta.page`). A page
 * is added here together with its route; the role lists say who sees it in the menu and may open it.
 */
export const ADMIN_PAGES = {
  workbench: { title: '工作台', roles: ANY_STAFF },
  changePassword: { title: '修改密码', roles: ANY_STAFF },
  auditLogs: { title: '审计日志', roles: OPS_ONLY },
  // The live monitor and groups (实时监控, 运营干预).
  monitor: { title: '实时监控', roles: OPS_AND_MERCHANT },
  groupDetail: { title: '拼团详情', roles: ANY_STAFF },
  // Orders and refunds.
  orders: { title: '订单', roles: ANY_STAFF },
  flaggedRefunds: { title: '退款异常', roles: OPS_AND_SERVICE },
  // Fulfilment: 待发货 (picking, express, batches to pickup points), the batches at the points and 核销.
  toShip: { title: '发货管理', roles: OPS_AND_MERCHANT },
  pickupBatches: { title: '自提核销', roles: OPS_AND_MERCHANT },
  // After-sales (售后): merchants for their own, ops and customer service for all.
  afterSales: { title: '售后', roles: ANY_STAFF },
  afterSaleDetail: { title: '售后详情', roles: ANY_STAFF },
  // The catalogue: products (list, and the create / edit form) and pickup points.
  products: { title: '商品管理', roles: OPS_AND_MERCHANT },
  productForm: { title: '编辑商品', roles: OPS_AND_MERCHANT },
  pickupPoints: { title: '自提点', roles: OPS_ONLY },
  // 团长申请: ops alone review who becomes a registered leader.
  leaderApplications: { title: '团长申请', roles: OPS_ONLY },
  leaderApplicationDetail: { title: '团长申请详情', roles: OPS_ONLY },
  // 团长: the registered leaders and each one's results (ops alone).
  leaderRoster: { title: '团长', roles: OPS_ONLY },
  leaderDetail: { title: '团长详情', roles: OPS_ONLY },
  // 提现审核: ops alone answer 团长 withdrawals and retry the flagged ones.
  withdrawals: { title: '提现审核', roles: OPS_ONLY },
  // 任务, 员工.
  jobs: { title: '任务', roles: OPS_ONLY },
  staff: { title: '员工', roles: OPS_ONLY },
  activities: { title: '拼团活动', roles: OPS_AND_MERCHANT },
} as const satisfies Record<string, { readonly title: string; readonly roles: readonly StaffRole[] }>;

export type AdminPage = keyof typeof ADMIN_PAGES;

export function canSeePage(role: StaffRole, page: AdminPage): boolean {
  const roles: readonly StaffRole[] = ADMIN_PAGES[page].roles;
  return roles.includes(role);
}
