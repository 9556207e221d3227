/** What a countdown shows at an instant: the time left, or 已结束 once it has run out. */
import { countdownText, secondsLeft } from '../../utils/format';

export interface CountdownView {
  readonly text: string;
  readonly ended: boolean;
}

/** `now` is the server's time: the device's clock plus the page's offset. */
export function countdownView(deadline: number, now: number): CountdownView {
  return { text: countdownText(deadline, now), ended: secondsLeft(deadline, now) === 0 };
}
