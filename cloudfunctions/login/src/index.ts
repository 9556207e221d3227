import { loginContract } from '@shared/contracts/account.contracts';
import { defineFunction, login } from '@shared/server';

export const main = defineFunction(loginContract, login);
