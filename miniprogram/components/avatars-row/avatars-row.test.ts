// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, shows, textIn } from '../../testing/render-component';
import { avatarsRowView, initialOf, type Member } from './view';

const leader: Member = { nickname: '张*', avatarUrl: 'https://img/zhang.png', isLeader: true };
const member = (nickname: string, avatarUrl = ''): Member => ({ nickname, avatarUrl, isLeader: false });

describe('avatars-row', () => {
  it('puts the leader first, then members, then empty seats as ?', () => {
    const view = avatarsRowView([member('李**'), leader], 4);
    expect(view.seats.map((s) => [s.initial, s.isLeader, s.empty])).toEqual([
      ['张', true, false],
      ['李', false, false],
      ['?', false, true],
      ['?', false, true],
    ]);
    expect(view.moreText).toBe('');
  });

  it('shows at most ten seats, then +N', () => {
    const view = avatarsRowView([leader, member('王*')], 15);
    expect(view.seats).toHaveLength(10);
    expect(view.moreText).toBe('+5');
  });

  it("falls back to the nickname's first character", () => {
    expect(initialOf('解**货')).toBe('解');
    expect(initialOf('🌶️辣妹子')).toBe('🌶');
    expect(initialOf('')).toBe('?');
  });

  it('shows the leader with a 团长 badge, a member without picture by initial, and free seats', async () => {
    const row = await render('avatars-row', { members: [member('李**'), leader], size: 3 });
    const seats = row.querySelectorAll('.avatars__seat');
    expect(seats).toHaveLength(3);
    expect(row.querySelectorAll('.avatars__image')).toHaveLength(1); // the leader's picture
    expect(textIn(row, '.avatars__badge')).toBe('团长');
    expect(row.querySelectorAll('.avatars__badge')).toHaveLength(1);
    expect(seats.map((seat) => seat.dom.textContent)).toEqual(['团长', '李', '?']);
    expect(row.querySelectorAll('.avatars__seat--empty')).toHaveLength(1);
    expect(shows(row, '.avatars__more')).toBe(false);
  });

  it('shows +N beyond ten seats, and follows new members', async () => {
    const row = await render('avatars-row', { members: [leader], size: 12 });
    expect(textIn(row, '.avatars__more')).toBe('+2');
    row.setData({ members: [leader, member('王*')], size: 2 });
    expect(row.querySelectorAll('.avatars__seat--empty')).toHaveLength(0);
    expect(shows(row, '.avatars__more')).toBe(false);
  });
});
