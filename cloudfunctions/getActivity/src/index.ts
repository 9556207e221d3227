import { getActivityContract } from '@shared/contracts/read.contracts';
import { defineFunction, getActivity } from '@shared/server';

export const main = defineFunction(getActivityContract, getActivity);
