/**
 * adminApi: the console's HTTP function, reached through CloudBase's HTTP access service. It serves every
 * console action as `POST <prefix>/<action>`, each with its own contract in `admin/<action>.contract.ts`,
 * answering the usual envelope with an HTTP status (`ADMIN_HTTP_STATUS`).
 */
import { ADMIN_API_PREFIX, adminContracts } from './admin';

export const adminApiContract = {
  name: 'adminApi',
  prefix: ADMIN_API_PREFIX,
  actions: adminContracts,
} as const;
