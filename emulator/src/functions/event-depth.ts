/**
 * How deep an invocation's event may nest objects and arrays (the event itself is level 1), as deep as MongoDB
 * lets a document be. Passing an event on to an instance copies it recursively (JSON, structured clone), so a
 * 10 KB `[[[[…]]]]` would overflow the stack; the gateway and `functions.invokeFunction` refuse it first.
 */
export const MAX_EVENT_DEPTH = 100;

/** Whether `value` nests objects or arrays deeper than `limit` levels; iterative, so any depth is safe to ask. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth + 1]);
  }
  return false;
}
