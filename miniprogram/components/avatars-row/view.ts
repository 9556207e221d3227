/** The seats of a group as a row of avatars: the leader first with a 团长 badge, then members, then empty seats. */

export interface Member {
  readonly nickname: string;
  readonly avatarUrl: string;
  readonly isLeader: boolean;
}

export interface Seat {
  readonly key: string;
  readonly avatarUrl: string;
  /** Shown when there is no avatar: the nickname's first character, or `?` on an empty seat. */
  readonly initial: string;
  readonly isLeader: boolean;
  readonly empty: boolean;
}

export interface AvatarsRowView {
  readonly seats: Seat[];
  /** `+N`: the seats beyond the first ten, or ''. */
  readonly moreText: string;
}

export const MAX_SEATS_SHOWN = 10;

/** The first character of a nickname (an emoji counts as one), for an avatar without a picture. */
export function initialOf(nickname: string): string {
  return Array.from(nickname.trim())[0] ?? '?';
}

export function avatarsRowView(members: readonly Member[], size: number): AvatarsRowView {
  const ordered = [...members.filter((m) => m.isLeader), ...members.filter((m) => !m.isLeader)];
  const seats: Seat[] = ordered.map((m, i) => ({
    key: `m${i}`,
    avatarUrl: m.avatarUrl,
    initial: initialOf(m.nickname),
    isLeader: m.isLeader,
    empty: false,
  }));
  for (let i = seats.length; i < size; i++) {
    seats.push({ key: `e${i}`, avatarUrl: '', initial: '?', isLeader: false, empty: true });
  }
  const hidden = seats.length - MAX_SEATS_SHOWN;
  return { seats: seats.slice(0, MAX_SEATS_SHOWN), moreText: hidden > 0 ? `+${hidden}` : '' };
}
