/**
 * `<avatars-row members="{{group.members}}" size="{{group.size}}" />`: who is in a group, the leader first
 * with a 团长 badge, and its free seats as `?`; at most ten seats, then `+N`.
 */
import { avatarsRowView, type Member } from './view';

Component({
  properties: {
    members: { type: Array, value: [] },
    size: { type: Number, value: 0 },
  },
  data: avatarsRowView([], 0),
  observers: {
    'members, size'(members: Member[], size: number) {
      this.setData(avatarsRowView(members, size));
    },
  },
});
