import { adminApiContract } from '@shared/contracts/admin-api.contract';
import { adminApi } from '@shared/server/console/admin-api';
import { defineHttpFunction } from '@shared/server/runtime/define-http-function';

export const main = defineHttpFunction(adminApiContract, adminApi);
