/**
 * payCallback: CloudPay's payment notification, applied once whatever the platform repeats or reorders
 * (see `payment-application.ts`). A wrong amount or an unknown order is recorded and refused.
 */
import type { payCallbackContract } from '../../contracts/pay-callback.contract';
import type { CallbackHandler } from '../runtime/define-callback';
import { applyPayment } from './payment-application';

export const payCallback: CallbackHandler<typeof payCallbackContract> = applyPayment;
