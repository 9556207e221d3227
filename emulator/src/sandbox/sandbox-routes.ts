/**
 * Controls for the sandboxes under `/_emulator/`, standing in for what happens inside WeChat:
 * - `POST /_emulator/pay/<outTradeNo>/pay`: the shopper pays; the payment callback follows.
 * - `GET  /_emulator/pay/orders`, `GET /_emulator/pay/<outTradeNo>`: the CloudPay ledger.
 * - `GET|POST /_emulator/faults`: fault injection for this run.
 * - `POST /_emulator/subscribe/grant` `{ openid, templateIds }`: the user accepts subscription messages.
 * - `GET  /_emulator/outbox`: subscription messages sent.
 * - `POST /_emulator/security` `{ blockedWords?, imageVerdict? }`: content-security verdicts.
 * - `GET  /_emulator/shipping[?transactionId=]`: shipping information WeChat holds (`uploads`) and every
 *   `uploadShippingInfo` call with its answer (`calls`).
 * - `/_emulator/kuaidi100/...`: the 快递100 sandbox, its query API and controls (kuaidi100-sandbox.ts).
 * - `/_emulator/wechatpay/...`: the 商家转账 sandbox, its v3 API and controls (transfer-sandbox.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Kuaidi100Sandbox } from './kuaidi100-sandbox';
import type { OpenApiSandbox } from './openapi-sandbox';
import { PayError, type PayOrder, type PaySandbox } from './pay-sandbox';
import type { TransferSandbox } from './transfer-sandbox';
import { BodyTooLargeError } from '../gateway/read-body';
import { readText, sendJson as send } from './sandbox-http';

const grantSchema = z.object({ openid: z.string().min(1), templateIds: z.array(z.string().min(1)).min(1) });
const verdictSchema = z.strictObject({
  blockedWords: z.array(z.string()).optional(),
  imageVerdict: z.enum(['pass', 'risky']).optional(),
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text: string;
  try {
    text = await readText(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpError(413, 'body too large');
    throw error;
  }
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function orderView(pay: PaySandbox, order: PayOrder) {
  return {
    outTradeNo: order.outTradeNo,
    state: order.state,
    totalFee: order.totalFee,
    openid: order.openid,
    callbackFunction: order.callbackFunction,
    transactionId: order.transactionId ?? null,
    timeEnd: order.timeEnd ?? null,
    refundedFee: pay.refundedTotal(order),
    refunds: [...order.refunds.values()],
  };
}

export function createSandboxRoutes(sandboxes: {
  readonly openapi: OpenApiSandbox;
  readonly pay: PaySandbox;
  readonly kuaidi100?: Kuaidi100Sandbox;
  readonly transfer?: TransferSandbox;
}) {
  const { pay, openapi, kuaidi100, transfer } = sandboxes;
  return async function route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (kuaidi100 && (await kuaidi100.route(req, res))) return true;
    if (transfer && (await transfer.route(req, res))) return true;
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const method = req.method ?? 'GET';
    try {
      const payMatch = /^\/_emulator\/pay\/([^/]+)(\/pay)?$/.exec(path);
      if (path === '/_emulator/pay/orders' && method === 'GET') {
        send(
          res,
          200,
          pay.orders().map((o) => orderView(pay, o)),
        );
      } else if (payMatch?.[2] && method === 'POST') {
        try {
          send(res, 200, orderView(pay, pay.pay(decodeURIComponent(payMatch[1] ?? ''))));
        } catch (error) {
          if (!(error instanceof PayError)) throw error;
          send(res, error.code === 'ORDERNOTEXIST' ? 404 : 409, { code: error.code, message: error.message });
        }
      } else if (payMatch && !payMatch[2] && method === 'GET') {
        const order = pay.order(decodeURIComponent(payMatch[1] ?? ''));
        if (order) send(res, 200, orderView(pay, order));
        else send(res, 404, { code: 'ORDERNOTEXIST', message: 'no such prepay' });
      } else if (path === '/_emulator/faults') {
        send(res, 200, method === 'POST' ? pay.setFaults((await readJson(req)) as object) : pay.currentFaults());
      } else if (path === '/_emulator/subscribe/grant' && method === 'POST') {
        const grant = grantSchema.parse(await readJson(req));
        openapi.grant(grant.openid, grant.templateIds);
        send(res, 200, { openid: grant.openid, credits: openapi.creditsOf(grant.openid) });
      } else if (path === '/_emulator/outbox' && method === 'GET') {
        send(res, 200, openapi.outbox());
      } else if (path === '/_emulator/shipping' && method === 'GET') {
        const transactionId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('transactionId');
        const calls = openapi.shipping.calls();
        send(res, 200, {
          uploads: openapi.shipping.uploads(transactionId ?? undefined),
          calls: transactionId === null ? calls : calls.filter((c) => c.transactionId === transactionId),
        });
      } else if (path === '/_emulator/security' && method === 'POST') {
        const verdicts = verdictSchema.parse(await readJson(req));
        send(res, 200, openapi.setVerdicts(verdicts as Parameters<OpenApiSandbox['setVerdicts']>[0]));
      } else {
        return false;
      }
    } catch (error) {
      if (error instanceof HttpError) send(res, error.status, { code: 'BAD_REQUEST', message: error.message });
      else if (error instanceof z.ZodError)
        send(res, 400, { code: 'INVALID_ARGUMENT', message: z.prettifyError(error) });
      else throw error;
    }
    return true;
  };
}
