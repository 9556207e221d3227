/**
 * The jobs the console lists are exactly the functions with a timer, and each contract's schedule is its
 * function's timer: the cron in `config.json` (as the deploy, cloudbaserc.json and the emulator read it),
 * so the console never shows a schedule the platform does not run.
 */
import { describe, expect, it } from 'vitest';
import { readFunctionConfigs } from '../../../tools/cloudbaserc';
import { isJobName, JOB_NAMES, jobContracts } from './jobs';

const timers = new Map(
  readFunctionConfigs().flatMap(({ name, config }) => (config.trigger ? [[name, config.trigger.cron] as const] : [])),
);

describe('the timed jobs', () => {
  it('are the functions whose config.json has a timer', () => {
    expect([...JOB_NAMES].sort()).toEqual([...timers.keys()].sort());
    expect(isJobName('expireGroups')).toBe(true);
    expect(isJobName('toString')).toBe(false);
  });

  it.each(JOB_NAMES)('%s: its contract’s schedule is its timer’s cron, described in Chinese', (name) => {
    const contract = jobContracts[name];
    expect(contract.name).toBe(name);
    expect(contract.schedule.cron).toBe(timers.get(name));
    expect(contract.schedule.description).toMatch(/^每/);
    expect(contract.title).toMatch(/[\u4e00-\u9fa5]/);
  });
});
