import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TEXT, notificationEventSchema, outboxEntry, waitsForRefunds } from './notification';

describe('subscription messages', () => {
  it('fit WeChat’s fields: thing ≤ 20 characters, a result phrase ≤ 5', () => {
    for (const event of notificationEventSchema.options) {
      const message = NOTIFICATION_TEXT[event];
      expect(Array.from(message.text).length, event).toBeLessThanOrEqual(20);
      if (message.template === 'groupResult') expect(Array.from(message.result).length, event).toBeLessThanOrEqual(5);
    }
  });

  it('tell the members of an intervention, and say the money went back only once it did', () => {
    for (const event of ['deadline_extended', 'group_closed', 'platform_completed', 'activity_paused'] as const) {
      expect(outboxEntry(event, 1).audience, event).toBe('members');
    }
    expect(notificationEventSchema.options.filter(waitsForRefunds)).toEqual(['group_failed', 'group_closed']);
    expect(NOTIFICATION_TEXT.platform_completed).toMatchObject({ template: 'groupResult', result: '拼团成功' });
  });
});
