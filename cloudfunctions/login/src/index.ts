import { loginContract } from '@shared/contracts/login.contract';
import { login } from '@shared/server/account/login';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(loginContract, login);
