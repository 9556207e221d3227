/**
 * Becoming a 团长 end to end on one emulator with the seed's pickup points and demo staff: shoppers apply on the
 * mini-program's real pages (the page-runner's phone: 我的 → 成为团长 → 申请成为团长), ops answer in the console in
 * real Chromium (团长申请, the application's page, its dialog), and the shopper's page shows the answer.
 * 1. 王姐 applies, takes it back, and applies again naming an existing point (解放碑便民驿站); ops see only the
 *    waiting one, with the point's coordinates, and approve it; her page shows her approved, running that point, and
 *    the point names her as its keeper.
 * 2. 李姐 offers her own shop, placed on WeChat's map; ops see the shop's coordinates and decline with a reason; her
 *    page shows the reason and lets her apply again.
 * 3. A leader asks to withdraw; ops find it on 提现审核 in the console and approve it in its dialog.
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';

import type { PageInstance } from '../../miniprogram/testing/page-runner';
import { eventWith } from '../../miniprogram/testing/page-runner';
import { shopperPhone } from '../../miniprogram/testing/phone';
import { chromiumMissing, STORY_TIMEOUT } from './browser';
import { askWithdrawal, withdrawableLeader } from '../../shared/src/server/testing/withdrawals';
import { useSeededConsole } from './seeded-console';

const missing = chromiumMissing();
if (missing) console.warn(`[browser tests] skipped: ${missing}`);

const seeded = useSeededConsole();
const { pageErrors, signIn } = seeded;
const phone = shopperPhone(() => seeded.platform);
afterAll(() => phone.putDown());

const STATUS_PAGE = '/packages/leader/pages/status/index';
const APPLY_PAGE = '/packages/leader/pages/apply/index';

const menu = (page: Page, title: string) =>
  page.locator('.t-menu__item', { hasText: new RegExp(`^\\s*${title}\\s*$`) });

interface LeaderStatus {
  applicationId: string;
  title: string;
  explanation: string;
  rows: { label: string; value: string }[];
  pointRows: { label: string; value: string }[];
  canApply: boolean;
  canRetract: boolean;
}
const leaderOf = (page: PageInstance) => page.data.leader as LeaderStatus;

/**
 * The shopper holding the phone opens 成为团长 from 我的, taps 申请成为团长, fills in who they are and the point (`choose` on the form),
 * and submits; answers the application's page, opened as submitting does.
 */
async function appliedOnThePhone(
  who: { name: string; phone: string; community: string },
  choose: (form: PageInstance) => Promise<void>,
): Promise<PageInstance> {
  const status = await phone.open(STATUS_PAGE);
  expect(leaderOf(status)).toMatchObject({ canApply: true, canRetract: false });
  await phone.tap(status, 'onApply');
  expect(phone.lastNavigation()).toBe(APPLY_PAGE);
  const form = await phone.open(APPLY_PAGE);
  expect(form.data.state).toBe('ready');
  await phone.tap(form, 'onName', eventWith({ value: who.name }));
  await phone.tap(form, 'onPhone', eventWith({ value: who.phone }));
  await phone.tap(form, 'onCommunity', eventWith({ value: who.community }));
  await choose(form);
  await phone.tap(form, 'onSubmit');
  expect(phone.toasts.at(-1)).toBe('已提交团长申请');
  expect(phone.lastNavigation()).toBe(STATUS_PAGE);
  const submitted = await phone.open(STATUS_PAGE);
  expect(leaderOf(submitted)).toMatchObject({ title: '待审核', canRetract: true, canApply: false });
  return submitted;
}

/** Ops open 团长申请 (waiting ones first) and the row of `name`; answers the application's page. */
async function openedInTheConsole(page: Page, name: string, applicationId: string): Promise<void> {
  await menu(page, '团长申请').click();
  await page.getByTestId('leader-applications-table').locator('tr', { hasText: name }).click();
  await page.waitForURL(`${seeded.url}leaders/applications/${applicationId}`);
  await page.getByTestId('leader-status-tag').getByText('待审核').waitFor();
  await page.getByTestId('leader-applicant').getByText(name).waitFor();
}

describe.skipIf(missing !== undefined)('becoming a 团长: the shopper on the pages, ops in Chromium', () => {
  it(
    'story 1: an application taken back, another for an existing point approved: the shopper runs that point',
    async () => {
      const openid = 'o-leader-e2e-wang';
      const who = { name: '王姐', phone: '13800000001', community: '解放碑社区' };
      phone.handTo(openid);
      expect(leaderOf(await phone.open(STATUS_PAGE))).toMatchObject({ status: 'none', title: '成为团长' });

      // A first application (a shop, mistyped) taken back at once: the page lets her apply again.
      const first = await appliedOnThePhone(who, async (form) => {
        await phone.tap(form, 'onMode', eventWith({ value: 'new_shop' }));
        await phone.tap(form, 'onShopName', eventWith({ value: '王姐便利店' }));
        await phone.tap(form, 'onChooseLocation');
      });
      await phone.tap(first, 'onRetract');
      expect(phone.toasts.at(-1)).toBe('已撤回');
      expect(leaderOf(first)).toMatchObject({ title: '已撤回', canApply: true, canRetract: false });

      const submitted = await appliedOnThePhone(who, async (form) => {
        const points = form.data.points as { pickupPointId: string; label: string }[];
        const index = points.findIndex((p) => p.pickupPointId === 'pp-jiefangbei');
        expect(points[index]?.label).toBe('解放碑便民驿站 · 渝中区');
        await phone.tap(form, 'onPoint', eventWith({ value: index }));
        expect((form.data.view as { pointText: string }).pointText).toBe('解放碑便民驿站 · 渝中区');
      });
      expect(leaderOf(submitted).rows).toContainEqual({
        label: '选择已有自提点',
        value: '解放碑便民驿站（渝中区民权路 28 号）',
      });

      // 团长申请: ops find it waiting (the retracted one is not), see the point on the map, and approve it.
      const page = await signIn('ops01');
      await openedInTheConsole(page, '王姐', leaderOf(submitted).applicationId);
      const point = page.getByTestId('leader-point');
      await point.getByText('解放碑便民驿站（pp-jiefangbei）').waitFor();
      expect(leaderOf(first).applicationId).not.toBe(leaderOf(submitted).applicationId);
      await point.getByText('经度 106.5775，纬度 29.5577').waitFor();
      await point.getByText('暂无').waitFor();
      await page.getByTestId('leader-approve').click();
      await page.locator('.t-dialog', { hasText: '通过团长申请' }).getByRole('button', { name: '确认' }).click();
      await page.getByTestId('leader-status-tag').getByText('已通过').waitFor();
      await point.getByText('申请人').waitFor();
      expect(await page.getByTestId('leader-approve').count()).toBe(0);

      // Her page: approved, running 解放碑便民驿站; the point names her its keeper.
      await phone.tap(submitted, 'onShow');
      expect(leaderOf(submitted)).toMatchObject({
        title: '已通过',
        explanation: '你已成为团长，负责以下自提点',
        canApply: false,
        canRetract: false,
      });
      expect(leaderOf(submitted).pointRows).toEqual(
        expect.arrayContaining([
          { label: '自提点', value: '解放碑便民驿站' },
          { label: '地址', value: '渝中区民权路 28 号' },
        ]),
      );
      expect(await seeded.platform.get('pickup_points', 'pp-jiefangbei')).toMatchObject({ keeperOpenid: openid });
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );

  it(
    'story 2: an application for the shopper’s own shop is declined with a reason the shopper reads',
    async () => {
      phone.handTo('o-leader-e2e-li');
      const submitted = await appliedOnThePhone(
        { name: '李姐', phone: '13800000002', community: '民族路社区' },
        async (form) => {
          await phone.tap(form, 'onMode', eventWith({ value: 'new_shop' }));
          await phone.tap(form, 'onShopName', eventWith({ value: '李姐便利店' }));
          await phone.tap(form, 'onChooseLocation');
          expect(form.data.form).toMatchObject({
            shopAddress: '重庆市渝中区民族路 1 号 民族路便利店',
            districtIndex: 0,
          });
          await phone.tap(form, 'onShopAddress', eventWith({ value: '渝中区民族路 1 号' }));
        },
      );
      expect(leaderOf(submitted).rows).toContainEqual({
        label: '登记自己的店铺为新自提点',
        value: '李姐便利店（渝中区 渝中区民族路 1 号）',
      });

      const page = await signIn('ops01');
      await openedInTheConsole(page, '李姐', leaderOf(submitted).applicationId);
      const point = page.getByTestId('leader-point');
      await point.getByText('李姐便利店').waitFor();
      await point.getByText('经度 106.5801，纬度 29.5592').waitFor();

      // A refusal needs its reason: the dialog says so and sends nothing until it has one.
      await page.getByTestId('leader-decline').click();
      const dialog = page.locator('.t-dialog', { hasText: '拒绝团长申请' });
      await dialog.getByRole('button', { name: '确认' }).click();
      await dialog.getByText('请填写拒绝原因（至少 2 个字）').waitFor();
      await dialog.getByTestId('leader-decline-reason').locator('textarea').fill('附近已有自提点，暂不新增');
      await dialog.getByRole('button', { name: '确认' }).click();
      await page.getByTestId('leader-status-tag').getByText('未通过').waitFor();
      await page.getByTestId('leader-applicant').getByText('附近已有自提点，暂不新增').waitFor();

      await phone.tap(submitted, 'onShow');
      expect(leaderOf(submitted)).toMatchObject({
        title: '未通过',
        explanation: '申请未通过：附近已有自提点，暂不新增',
        canApply: true,
        pointRows: [],
      });
      await phone.tap(submitted, 'onApply');
      expect(phone.lastNavigation()).toBe(APPLY_PAGE);
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );

  it(
    'story 3: ops approve a 团长 withdrawal on 提现审核',
    async () => {
      const leader = await withdrawableLeader(seeded.platform, [1_500]);
      const asked = await askWithdrawal(seeded.platform, leader, 1_500);
      if (!asked.ok) throw new Error(asked.error.code);
      const page = await signIn('ops01');
      await menu(page, '提现审核').click();
      const table = page.getByTestId('withdrawals-table');
      await table.getByText('未发起转账').waitFor();
      await table.getByTestId('withdrawal-approve').first().click();
      await page.getByTestId('withdrawal-dialog').getByRole('button', { name: '确认' }).click();
      await page.getByText(/^通过：/).waitFor();
      await expect
        .poll(() => seeded.platform.find('withdrawals', { leaderOpenid: leader }))
        .toMatchObject([{ status: 'approved', amount: 1_500 }]);
      expect(pageErrors).toEqual([]);
    },
    STORY_TIMEOUT,
  );
});
