/**
 * `<group-card group="{{item}}" bind:join="onJoin" />`: a forming group to join. Given a title it is a full
 * card (home); without one a compact 凑团 row (activity page). Its 去参团 button fires `join` with `{ groupId }`.
 */
import { type GroupCardInput, type GroupCardView, groupCardView } from './view';

Component({
  properties: {
    group: { type: Object, value: {} },
  },
  data: { card: null as GroupCardView | null },
  observers: {
    group(group: GroupCardInput) {
      this.setData({ card: group.groupId ? groupCardView(group) : null });
    },
  },
  methods: {
    onJoin() {
      this.triggerEvent('join', { groupId: this.data.card?.groupId });
    },
  },
});
