/**
 * How many days after receipt a shopper may still ask for after-sales: `AFTER_SALE_WINDOW_DAYS` in the
 * function's environment (a whole number from 1 to 90), 7 when unset. A value out of range fails the call
 * that needs it rather than opening a window nobody chose.
 */
import { afterSaleWindowDays } from '../../domain/fulfilment';

export const AFTER_SALE_WINDOW_ENV = 'AFTER_SALE_WINDOW_DAYS';

export const afterSaleWindow = (): number => afterSaleWindowDays(process.env[AFTER_SALE_WINDOW_ENV]);
