// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, shows, sleep, textIn } from '../../testing/render-component';
import { type GroupCardInput, groupCardView } from './view';

const NOW = Date.UTC(2026, 10, 25, 4, 0, 0);

const openGroup: GroupCardInput = {
  groupId: 'g-hotpot',
  leader: { nickname: '张*', avatarUrl: '' },
  seatsLeft: 2,
  deadlineAt: NOW + 2 * 3600_000 + 13 * 60_000 + 5000,
};

const homeCard: GroupCardInput = {
  ...openGroup,
  title: '重庆老火锅底料',
  image: 'https://img/hotpot.png',
  spec: '500g 特辣',
  groupPrice: 2990,
  soloPrice: 3990,
  distanceMeters: 1234,
  district: '渝中区',
};

describe('group-card', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] }); // sleep() keeps the real setTimeout
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a full card with a title, a compact row without', () => {
    expect(groupCardView(homeCard)).toMatchObject({
      full: true,
      seatsText: '还差2人成团',
      placeText: '渝中区 · 1.2km',
      leaderInitial: '张',
    });
    expect(groupCardView(openGroup)).toMatchObject({ full: false, seatsText: '还差2人成团', placeText: '' });
    expect(groupCardView({ ...homeCard, district: undefined }).placeText).toBe('1.2km');
    expect(groupCardView({ ...homeCard, distanceMeters: undefined }).placeText).toBe('渝中区');
    expect(groupCardView(homeCard).community).toBe(false);
  });

  it("names a 社区团's pickup point and its distance, with its tag", async () => {
    const community = { ...homeCard, pickupPoint: { name: '民族路便利店' } };
    expect(groupCardView(community)).toMatchObject({ placeText: '民族路便利店 · 1.2km', community: true });
    const card = await render('group-card', { group: community });
    expect(textIn(card, '.group-card__community')).toBe('社区团');
    expect(textIn(card, '.group-card__place')).toBe('民族路便利店 · 1.2km');
    expect(shows(await render('group-card', { group: homeCard }), '.group-card__community')).toBe(false);
  });

  it('shows on the home page what the group is, its price against the solo price, and who leads it where', async () => {
    const card = await render('group-card', { group: homeCard });
    expect(textIn(card, '.group-card__title')).toBe('重庆老火锅底料');
    expect(textIn(card, '.group-card__spec')).toBe('500g 特辣');
    expect(textIn(card, '.group-card__initial')).toBe('张');
    expect(textIn(card, '.group-card__leader-name')).toBe('张*的团');
    expect(textIn(card, '.group-card__place')).toBe('渝中区 · 1.2km');
    expect(textIn(card, '.group-card__price')).toBe('¥29.90¥39.90');
    expect(textIn(card, '.group-card__seats')).toBe('还差2人成团');
    expect(textIn(card, '.group-card__countdown')).toBe('剩余02:13:05');
    vi.advanceTimersByTime(1000);
    expect(textIn(card, '.group-card__countdown')).toBe('剩余02:13:04');
  });

  it('leaves the distance out when the shopper shared no location', async () => {
    const card = await render('group-card', { group: { ...homeCard, distanceMeters: undefined } });
    expect(textIn(card, '.group-card__place')).toBe('渝中区');
  });

  it("shows the leader's picture when there is one", async () => {
    const card = await render('group-card', {
      group: { ...homeCard, leader: { nickname: '李*', avatarUrl: 'x.png' } },
    });
    expect(shows(card, '.group-card__avatar')).toBe(true);
    expect(shows(card, '.group-card__initial')).toBe(false);
    expect(textIn(card, '.group-card__leader')).toBe('李*的团渝中区 · 1.2km');
  });

  it('is a compact 凑团 row on the activity page: leader, seats left, time left, 去参团', async () => {
    const row = await render('group-card', { group: openGroup });
    expect(shows(row, '.group-card')).toBe(false);
    expect(shows(row, '.group-card__price')).toBe(false);
    expect(textIn(row, '.group-row__name')).toBe('张*');
    expect(row.dom.textContent).toBe('张张*还差2人成团剩余02:13:05去参团');
  });

  it('fires join with the group when 去参团 is tapped', async () => {
    const card = await render('group-card', { group: homeCard });
    const joins: unknown[] = [];
    card.addEventListener('join', (event) => joins.push(event.detail));
    card.querySelector('.group-card__join')?.dispatchEvent('tap');
    await sleep(0);
    expect(joins).toEqual([{ groupId: 'g-hotpot' }]);
  });
});
