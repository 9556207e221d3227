/**
 * `<countdown deadline="{{group.deadlineAt}}" prefix="剩余" offset="{{clockOffset}}" bind:end="reload" />`:
 * the time left until `deadline` (epoch ms), ticking every second while shown. `offset` is the server's
 * clock minus the device's, so a wrong phone clock does not move the deadline. Fires `end` once, when the
 * time left reaches zero (a deadline already past when shown just reads 已结束).
 */
import { countdownView } from './view';

/** Each running countdown's interval, kept off `data` because nothing renders it. */
const timers = new WeakMap<object, ReturnType<typeof setInterval>>();

Component({
  properties: {
    deadline: { type: Number, value: 0 },
    prefix: { type: String, value: '' },
    offset: { type: Number, value: 0 },
  },
  data: { text: '', ended: false },
  observers: {
    'deadline, offset'() {
      this.start();
    },
  },
  lifetimes: {
    attached() {
      this.start();
    },
    detached() {
      this.stop();
    },
  },
  methods: {
    start() {
      this.stop();
      const view = this.viewNow();
      this.setData(view);
      if (view.ended) return;
      const timer = setInterval(() => this.tick(), 1000);
      timers.set(this, timer);
    },
    tick() {
      const view = this.viewNow();
      this.setData(view);
      if (view.ended) {
        this.stop();
        this.triggerEvent('end');
      }
    },
    stop() {
      const timer = timers.get(this);
      if (timer === undefined) return;
      clearInterval(timer);
      timers.delete(this);
    },
    viewNow() {
      return countdownView(this.data.deadline, Date.now() + this.data.offset);
    },
  },
});
