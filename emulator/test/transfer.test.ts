/**
 * The 商家转账 sandbox as part of the emulator: served on its port, its settings in every function's
 * environment, its keys and bills kept in the data directory across a restart, emptied by reset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { wechatpayTransferClient, wechatpayTransferConfig } from '../../shared/src/server/providers/wechatpay-transfer';
import { startEmulator } from '../src/index';
import { KEYS_FILE } from '../src/sandbox/wechatpay-wire';

const FUNCTIONS = fileURLToPath(new URL('./fixtures/payout-functions', import.meta.url));
const INDEXES = fileURLToPath(new URL('./fixtures/platform-indexes.json', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'emulator-transfer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const start = (dataDir: string) =>
  startEmulator({
    port: 0,
    dataDir,
    functionsRoot: FUNCTIONS,
    indexesFile: INDEXES,
    onFunctionOutput: () => undefined,
  });

describe('the 商家转账 sandbox in the emulator', () => {
  it('gives the functions its settings, keeps its keys and bills in the data directory, and resets', async () => {
    const dataDir = join(root, 'data');
    const first = await start(dataDir);
    let serial: string;
    try {
      const env = first.transfer.functionEnv(first.url);
      const res = await fetch(`${first.url}/fn/payoutEnv`, { method: 'POST', body: '{}' });
      expect(await res.json()).toEqual({
        url: `${first.url}/_emulator/wechatpay`,
        mchid: first.transfer.mchid,
        serial: first.transfer.merchantSerial,
        publicKeyId: first.transfer.platformKeyId,
        hasPrivateKey: true,
        apiV3KeyLength: 32,
      });
      expect(env.WECHATPAY_URL).toBe(`${first.url}/_emulator/wechatpay`);
      // The controls answer on the emulator's port; a bill made through the sandbox is kept.
      expect((await fetch(`${first.url}/_emulator/wechatpay/transfer/settings`)).status).toBe(200);
      const signedOut = await fetch(`${first.url}/_emulator/wechatpay/v3/fund-app/mch-transfer/transfer-bills`, {
        method: 'POST',
        body: '{}',
      });
      expect(signedOut.status).toBe(401);
      const payouts = wechatpayTransferClient(wechatpayTransferConfig(env));
      await payouts.create({
        outBillNo: 'KEPT1',
        openid: 'o-leader',
        amountFen: 100,
        remark: '佣金提现',
        sceneId: '1005',
        reportInfos: [
          { type: '岗位类型', content: '团长' },
          { type: '报酬说明', content: '佣金' },
        ],
      });
      serial = first.transfer.merchantSerial;
    } finally {
      await first.stop();
    }
    const second = await start(dataDir);
    try {
      expect(second.transfer.merchantSerial).toBe(serial);
      // The same number after the restart is the same bill, asked by the same keys.
      const payouts = wechatpayTransferClient(wechatpayTransferConfig(second.transfer.functionEnv(second.url)));
      expect(await payouts.query('KEPT1')).toMatchObject({ state: 'WAIT_USER_CONFIRM', amountFen: 100 });
      expect(second.dataDir && join(second.dataDir, KEYS_FILE)).toBe(join(dataDir, KEYS_FILE));
      second.reset();
      expect(second.transfer.list()).toEqual([]);
    } finally {
      await second.stop();
    }
  });
});
