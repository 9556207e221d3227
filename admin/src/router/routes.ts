/**
 * Every page of the console. Pages are loaded on demand (one chunk each); the signed-in pages are
 * children of the layout. A page that needs a permission names its key in ADMIN_PAGES (shared with the
 * server), and its allowed roles come from there.
 */
import { ADMIN_PAGES, type AdminPage } from '@shared/admin-client';
import {
  BillIcon,
  ChartLineIcon,
  DashboardIcon,
  ErrorCircleIcon,
  GiftIcon,
  HistoryIcon,
  LocationIcon,
  RollbackIcon,
  ScanIcon,
  ShopIcon,
  TimeIcon,
  UndertakeDeliveryIcon,
  UserIcon,
  UsergroupIcon,
  WalletIcon,
} from 'tdesign-icons-vue-next';
import type { RouteMeta, RouteRecordRaw } from 'vue-router';

/** The meta of a page listed in ADMIN_PAGES: its title and roles come from the shared table. */
function pageMeta(page: AdminPage, extra: Partial<RouteMeta> = {}): RouteMeta {
  return { title: ADMIN_PAGES[page].title, page, roles: ADMIN_PAGES[page].roles, ...extra };
}

export const ROUTE_NAMES = {
  login: 'login',
  workbench: 'workbench',
  changePassword: 'changePassword',
  auditLogs: 'auditLogs',
  monitor: 'monitor',
  groupDetail: 'groupDetail',
  products: 'products',
  productForm: 'productForm',
  pickupPoints: 'pickupPoints',
  activities: 'activities',
  orders: 'orders',
  flaggedRefunds: 'flaggedRefunds',
  toShip: 'toShip',
  pickupBatches: 'pickupBatches',
  afterSales: 'afterSales',
  afterSaleDetail: 'afterSaleDetail',
  leaderApplications: 'leaderApplications',
  leaderApplicationDetail: 'leaderApplicationDetail',
  withdrawals: 'withdrawals',
  leaderRoster: 'leaderRoster',
  leaderDetail: 'leaderDetail',
  jobs: 'jobs',
  staff: 'staff',
  forbidden: 'forbidden',
  notFound: 'notFound',
} as const;

/** The signed-in pages, inside the layout: the menu is built from these. */
export const consoleRoutes: RouteRecordRaw[] = [
  {
    path: 'workbench',
    name: ROUTE_NAMES.workbench,
    component: () => import('../pages/dashboard/workbench/index.vue'),
    meta: pageMeta('workbench', { menu: { icon: DashboardIcon, order: 0 } }),
  },
  // The live monitor and a group's detail with the interventions (实时监控, 运营干预).
  {
    path: 'monitor',
    name: ROUTE_NAMES.monitor,
    component: () => import('../pages/monitor/live/index.vue'),
    meta: pageMeta('monitor', { menu: { icon: ChartLineIcon, order: 10 } }),
  },
  {
    path: 'groups/:groupId',
    name: ROUTE_NAMES.groupDetail,
    component: () => import('../pages/monitor/group-detail/index.vue'),
    meta: pageMeta('groupDetail'),
  },
  // The catalogue: products (the form at catalog/products/new for a new one) and pickup points.
  {
    path: 'catalog/products',
    name: ROUTE_NAMES.products,
    component: () => import('../pages/catalog/products/index.vue'),
    meta: pageMeta('products', { menu: { icon: ShopIcon, order: 20 } }),
  },
  {
    path: 'catalog/products/:productId',
    name: ROUTE_NAMES.productForm,
    component: () => import('../pages/catalog/product-form/index.vue'),
    props: true,
    meta: pageMeta('productForm'),
  },
  {
    path: 'catalog/pickup-points',
    name: ROUTE_NAMES.pickupPoints,
    component: () => import('../pages/catalog/pickup-points/index.vue'),
    meta: pageMeta('pickupPoints', { menu: { icon: LocationIcon, order: 25 } }),
  },
  // 拼团活动.
  {
    path: 'activities',
    name: ROUTE_NAMES.activities,
    component: () => import('../pages/activities/list/index.vue'),
    meta: pageMeta('activities', { menu: { icon: GiftIcon, order: 30 } }),
  },
  // Orders and refunds.
  {
    path: 'orders',
    name: ROUTE_NAMES.orders,
    component: () => import('../pages/orders/list/index.vue'),
    meta: pageMeta('orders', { menu: { icon: BillIcon, order: 40 } }),
  },
  {
    path: 'orders/flagged-refunds',
    name: ROUTE_NAMES.flaggedRefunds,
    component: () => import('../pages/orders/flagged-refunds/index.vue'),
    meta: pageMeta('flaggedRefunds', { menu: { icon: ErrorCircleIcon, order: 45 } }),
  },
  // Fulfilment: 待发货 (picking, express, batches to pickup points), and the batches at the points with 核销.
  {
    path: 'fulfilment/to-ship',
    name: ROUTE_NAMES.toShip,
    component: () => import('../pages/fulfilment/to-ship/index.vue'),
    meta: pageMeta('toShip', { menu: { icon: UndertakeDeliveryIcon, order: 50 } }),
  },
  {
    path: 'fulfilment/pickup',
    name: ROUTE_NAMES.pickupBatches,
    component: () => import('../pages/fulfilment/pickup/index.vue'),
    meta: pageMeta('pickupBatches', { menu: { icon: ScanIcon, order: 55 } }),
  },
  // After-sales (售后): the list and a request's detail with the staff's actions.
  {
    path: 'after-sales',
    name: ROUTE_NAMES.afterSales,
    component: () => import('../pages/after-sales/list/index.vue'),
    meta: pageMeta('afterSales', { menu: { icon: RollbackIcon, order: 60 } }),
  },
  {
    path: 'after-sales/:afterSaleId',
    name: ROUTE_NAMES.afterSaleDetail,
    component: () => import('../pages/after-sales/detail/index.vue'),
    props: true,
    meta: pageMeta('afterSaleDetail'),
  },
  // 团长申请 (ops alone): the list and an application's page with the answers.
  {
    path: 'leaders/applications',
    name: ROUTE_NAMES.leaderApplications,
    component: () => import('../pages/leaders/list/index.vue'),
    meta: pageMeta('leaderApplications', { menu: { icon: UserIcon, order: 65 } }),
  },
  {
    path: 'leaders/applications/:applicationId',
    name: ROUTE_NAMES.leaderApplicationDetail,
    component: () => import('../pages/leaders/detail/index.vue'),
    props: true,
    meta: pageMeta('leaderApplicationDetail'),
  },
  // 团长 (ops alone): the registered leaders and a leader's page with their results.
  {
    path: 'leaders/roster',
    name: ROUTE_NAMES.leaderRoster,
    component: () => import('../pages/leaders/roster/index.vue'),
    meta: pageMeta('leaderRoster', { menu: { icon: UserIcon, order: 66 } }),
  },
  {
    path: 'leaders/roster/:openid',
    name: ROUTE_NAMES.leaderDetail,
    component: () => import('../pages/leaders/leader/index.vue'),
    props: true,
    meta: pageMeta('leaderDetail'),
  },
  // 提现审核 (ops alone): 团长 withdrawals, their payouts, and ops' answers.
  {
    path: 'leaders/withdrawals',
    name: ROUTE_NAMES.withdrawals,
    component: () => import('../pages/leaders/withdrawals/index.vue'),
    meta: pageMeta('withdrawals', { menu: { icon: WalletIcon, order: 67 } }),
  },
  // 任务, 员工 and the audit log: ops alone.
  {
    path: 'system/jobs',
    name: ROUTE_NAMES.jobs,
    component: () => import('../pages/system/jobs/index.vue'),
    meta: pageMeta('jobs', { menu: { icon: TimeIcon, order: 80 } }),
  },
  {
    path: 'system/staff',
    name: ROUTE_NAMES.staff,
    component: () => import('../pages/system/staff/index.vue'),
    meta: pageMeta('staff', { menu: { icon: UsergroupIcon, order: 85 } }),
  },
  {
    path: 'system/audit-logs',
    name: ROUTE_NAMES.auditLogs,
    component: () => import('../pages/system/audit-logs/index.vue'),
    meta: pageMeta('auditLogs', { menu: { icon: HistoryIcon, order: 90 } }),
  },
  {
    path: 'account/password',
    name: ROUTE_NAMES.changePassword,
    component: () => import('../pages/account/password/index.vue'),
    meta: pageMeta('changePassword'),
  },
  {
    path: '403',
    name: ROUTE_NAMES.forbidden,
    component: () => import('../pages/result/forbidden/index.vue'),
    meta: { title: '无权限' },
  },
];

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: ROUTE_NAMES.login,
    component: () => import('../pages/auth/login/index.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: () => import('../layouts/console-layout.vue'),
    redirect: { name: ROUTE_NAMES.workbench },
    meta: { title: '工作台' },
    children: consoleRoutes,
  },
  {
    path: '/:pathMatch(.*)*',
    name: ROUTE_NAMES.notFound,
    component: () => import('../pages/result/not-found/index.vue'),
    meta: { title: '页面不存在', public: true },
  },
];
