/**
 * What the sandboxes' HTTP handlers share: a request body as text (refused past a limit, as the gateway refuses
 * one) and a JSON answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../gateway/read-body';

/** What a sandbox reads of one request at most (their APIs and controls take small JSON bodies). */
export const MAX_SANDBOX_BODY = 1024 * 1024;

/** The body as UTF-8 text; `BodyTooLargeError` past `limit`. */
export async function readText(req: IncomingMessage, limit = MAX_SANDBOX_BODY): Promise<string> {
  return (await readBody(req, limit)).toString('utf8');
}

/** Answers `body` as JSON, with the content type the imitated service sends. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': contentType });
  res.end(JSON.stringify(body));
}
