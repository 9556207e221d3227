/** Calling another cloud function through the platform (`cloud.callFunction`): the callee sees SOURCE `<ours>,scf`. */
import { wxCloud } from './db';

/** The callee's answer (for our functions, their envelope); throws when the platform could not invoke it. */
export async function callFunction(name: string, data: Readonly<Record<string, unknown>>): Promise<unknown> {
  const answer = (await wxCloud().callFunction({ name, data: { ...data } })) as { result?: unknown } | undefined;
  return answer?.result;
}
