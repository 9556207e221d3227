// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type RenderedComponent, render, shows, textIn } from '../../testing/render-component';
import { countdownView } from './view';

const NOW = Date.UTC(2026, 10, 25, 4, 0, 0); // 12:00 in Chongqing

/** Counts the `end` events a countdown fires. */
function endsOf(countdown: RenderedComponent): { count: number } {
  const ends = { count: 0 };
  countdown.addEventListener('end', () => ends.count++);
  return ends;
}

describe('countdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shows the time left, and 已结束 once past', () => {
    expect(countdownView(NOW + 3_725_000, NOW)).toEqual({ text: '01:02:05', ended: false });
    expect(countdownView(NOW + 999, NOW)).toEqual({ text: '已结束', ended: true });
    expect(countdownView(NOW - 5000, NOW)).toEqual({ text: '已结束', ended: true });
  });

  it('ticks every second after its prefix', async () => {
    const countdown = await render('countdown', { deadline: NOW + 3_725_000, prefix: '剩余' });
    expect(textIn(countdown, '.countdown')).toBe('剩余01:02:05');
    vi.advanceTimersByTime(1000);
    expect(textIn(countdown, '.countdown__time')).toBe('01:02:04');
    vi.advanceTimersByTime(65_000);
    expect(textIn(countdown, '.countdown__time')).toBe('01:00:59');
  });

  it("counts on the server's clock: offset is the server's time minus the device's", async () => {
    const countdown = await render('countdown', { deadline: NOW + 120_000, offset: 60_000 });
    expect(textIn(countdown, '.countdown__time')).toBe('00:01:00');
  });

  it('fires end once when the time runs out, then stops ticking', async () => {
    const countdown = await render('countdown', { deadline: NOW + 2000, prefix: '剩余' });
    const ends = endsOf(countdown);
    vi.advanceTimersByTime(1000);
    expect(ends.count).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(ends.count).toBe(1);
    expect(textIn(countdown, '.countdown')).toBe('已结束');
    expect(shows(countdown, '.countdown__prefix')).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops ticking when taken off the page', async () => {
    const countdown = await render('countdown', { deadline: NOW + 2000 });
    const ends = endsOf(countdown);
    expect(vi.getTimerCount()).toBe(1);
    countdown.detach();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(ends.count).toBe(0);
  });

  it('reads 已结束 without firing end when shown after its deadline', async () => {
    const countdown = await render('countdown', { deadline: NOW - 1000, prefix: '剩余' });
    expect(textIn(countdown, '.countdown')).toBe('已结束');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts over when given a new deadline', async () => {
    const countdown = await render('countdown', { deadline: NOW + 2000 });
    const ends = endsOf(countdown);
    countdown.setData({ deadline: NOW + 60_000 });
    vi.advanceTimersByTime(5000);
    expect(textIn(countdown, '.countdown__time')).toBe('00:00:55');
    expect(ends.count).toBe(0);
    expect(vi.getTimerCount()).toBe(1);
  });
});
