/** Collection names (snake_case plural); each is declared, with its indexes, in `indexes.json`. */
export const COLLECTIONS = {
  activities: 'activities',
  groups: 'groups',
  orders: 'orders',
  payments: 'payments',
  refunds: 'refunds',
  skus: 'skus',
  products: 'products',
  merchants: 'merchants',
  pickupPoints: 'pickup_points',
  users: 'users',
  notifications: 'notifications',
  staff: 'staff',
  staffSessions: 'staff_sessions',
  auditLogs: 'audit_logs',
  jobRuns: 'job_runs',
  afterSales: 'after_sales',
} as const;
