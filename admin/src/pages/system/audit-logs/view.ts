/** What the audit log shows of a record: its time in Shanghai, and its change in one line. */

const SHANGHAI = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const formatInstant = (at: number): string => SHANGHAI.format(new Date(at)).replace(/\//g, '-');

const text = (value: unknown): string => (value === undefined ? '' : JSON.stringify(value));

/** `before → after`, or just one side when the other is absent. */
export function summarise(before: unknown, after: unknown): string {
  if (before === undefined) return text(after);
  if (after === undefined) return text(before);
  return `${text(before)} → ${text(after)}`;
}
