import { submitReturnParcelContract } from '@shared/contracts/submit-return-parcel.contract';
import { submitReturnParcel } from '@shared/server/after-sales/submit-return-parcel';
import { defineFunction } from '@shared/server/runtime';

export const main = defineFunction(submitReturnParcelContract, submitReturnParcel);
