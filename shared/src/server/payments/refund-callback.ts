/**
 * refundCallback: CloudPay's refund notification. Completes the refund (the order becomes `refunded`), or
 * leaves a refund CloudPay could not complete to the retry job. A repeat changes nothing.
 */
import type { refundCallbackContract } from '../../contracts/refund-callback.contract';
import type { CallbackHandler } from '../runtime/define-callback';
import { applyRefundResult } from './refunds';

export const refundCallback: CallbackHandler<typeof refundCallbackContract> = applyRefundResult;
