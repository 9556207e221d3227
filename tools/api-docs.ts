/**
 * `npm run docs:api`: writes docs/api.md, the API reference of every cloud function, from the contracts
 * themselves (zod → JSON Schema → TypeScript declarations), so it cannot drift from them: a test fails when
 * the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { compile } from 'json-schema-to-typescript';
import { format, resolveConfig } from 'prettier';
import {
  type CallbackContract,
  callbackContracts,
  type Contract,
  type JobContract,
  jobContracts,
  contracts,
  type NotifyContract,
  notifyContracts,
  RUNTIME_ERRORS,
} from '../shared/src/contracts';
import { type AdminContract, ADMIN_API_PREFIX, ADMIN_HTTP_STATUS, adminContracts } from '../shared/src/contracts/admin';
import { ERROR_MESSAGES, type ErrorCode } from '../shared/src/kernel/errors';
import * as z from '../shared/src/kernel/zod';
import { fromRoot, isMain } from './paths';

export const API_DOC = fromRoot('docs', 'api.md');

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const pascal = (name: string) => name[0]?.toUpperCase() + name.slice(1);

/** The first paragraph of the contract file's leading comment: what the function is for. */
function summaryOf(name: string): string {
  const source = readFileSync(fromRoot('shared/src/contracts', `${kebab(name)}.contract.ts`), 'utf8');
  const comment = /^\/\*\*([\s\S]*?)\*\//.exec(source)?.[1] ?? '';
  const text = comment
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trim())
    .join(' ')
    .trim();
  const summary = text.replace(new RegExp(`^${name}(\\s*\\([^)]*\\))?:\\s*`), '');
  return summary.charAt(0).toUpperCase() + summary.slice(1);
}

/** A schema as the TypeScript type of what crosses the wire. */
async function typeOf(schema: z.ZodType, typeName: string): Promise<string> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  const declaration = await compile(json as never, typeName, {
    bannerComment: '',
    additionalProperties: false,
    // Formatted once with the whole page (prettier formats the code blocks of markdown), not type by type.
    format: false,
  });
  return declaration.trim();
}

const errorTable = (codes: readonly ErrorCode[]) =>
  [
    '| code | what the shopper reads |',
    '| --- | --- |',
    ...codes.map((c) => `| \`${c}\` | ${ERROR_MESSAGES[c]} |`),
  ].join('\n');

async function callableSection(contract: Contract): Promise<string> {
  const codes = [...new Set<ErrorCode>([...RUNTIME_ERRORS, ...contract.errors])];
  const caller =
    contract.caller === 'user'
      ? 'a shopper, through `wx.cloud.callFunction`; the openid comes from the WeChat context, never the request'
      : 'another function, the cloud console or the platform';
  return [
    `### ${contract.name}`,
    summaryOf(contract.name),
    `Called by ${caller}. Answers \`{ ok: true, data: Response }\` or \`{ ok: false, error: { code, message } }\`.`,
    '```ts',
    await typeOf(contract.request, `${pascal(contract.name)}Request`),
    '',
    await typeOf(contract.response, `${pascal(contract.name)}Response`),
    '```',
    errorTable(codes),
  ].join('\n\n');
}

async function jobSection(contract: JobContract): Promise<string> {
  return [
    `### ${contract.name}`,
    summaryOf(contract.name),
    `In the console: ${contract.title}. Timer: \`${contract.schedule.cron}\` (Asia/Shanghai), ${contract.schedule.description}.`,
    `Run by its timer, by ops from the console or by another function (a shopper is refused with \`FORBIDDEN\`). ` +
      `At most ${contract.defaultLimit} items a run unless the request says otherwise, within ${contract.budgetMs / 1000} s.`,
    '```ts',
    await typeOf(contract.request, `${pascal(contract.name)}Request`),
    '',
    await typeOf(contract.response, `${pascal(contract.name)}Report`),
    '```',
    errorTable(['FORBIDDEN', 'INVALID_ARGUMENT', 'INTERNAL']),
  ].join('\n\n');
}

async function callbackSection(contract: CallbackContract): Promise<string> {
  return [
    `### ${contract.name}`,
    summaryOf(contract.name),
    'Called by CloudPay only (`SOURCE=wx_paycallback`, no OPENID); anyone else gets `{ errcode: 403 }`. It answers ' +
      '`{ errcode: 0 }` once the effect is stored; anything else makes CloudPay deliver the notification again.',
    '```ts',
    await typeOf(contract.request, `${pascal(contract.name)}Notification`),
    '```',
  ].join('\n\n');
}

async function notifySection(contract: NotifyContract): Promise<string> {
  return [
    `### ${contract.name}`,
    summaryOf(contract.name),
    `\`POST ${contract.path}\` through the HTTP access service, by WeChat Pay only: \`${contract.eventType}\`, signed ` +
      '(`Wechatpay-Timestamp`, `-Nonce`, `-Serial`, `-Signature`) and its `resource` AES-256-GCM encrypted with the ' +
      'API v3 key. Answered 200 once the effect is stored, 401 when it does not verify (nothing changes), 500 ' +
      '`{ code: "FAIL" }` otherwise (WeChat sends it again). The decrypted resource:',
    '```ts',
    await typeOf(contract.resource, `${pascal(contract.name)}Resource`),
    '```',
  ].join('\n\n');
}

async function adminSection(contract: AdminContract): Promise<string> {
  const who =
    contract.roles === 'public'
      ? 'Anyone (no session).'
      : `Roles: ${contract.roles.join(', ')}${contract.beforePasswordChange ? '; also before a reset password is changed' : ''}.`;
  const upload = contract.upload
    ? ` An upload: the body is the file itself (${contract.upload.contentTypes.join(', ')}; at most ${contract.upload.maxBytes / 1024 / 1024} MB) with its Content-Type, and the request is the query string.`
    : '';
  return [
    `### ${contract.name}`,
    `\`POST ${ADMIN_API_PREFIX}/${contract.name}\`. ${who}${contract.audited ? ' Each success is written to the audit log.' : ''}${upload}`,
    '```ts',
    await typeOf(contract.request, `${pascal(contract.name)}Request`),
    '',
    await typeOf(contract.response, `${pascal(contract.name)}Response`),
    '```',
  ].join('\n\n');
}

const statusTable = () =>
  [
    '| code | HTTP status | message |',
    '| --- | --- | --- |',
    ...(Object.entries(ADMIN_HTTP_STATUS) as [ErrorCode, number][]).map(
      ([code, status]) => `| \`${code}\` | ${status} | ${ERROR_MESSAGES[code]} |`,
    ),
  ].join('\n');

export async function apiDocText(): Promise<string> {
  const sections = [
    '# API reference',
    '<!-- Generated by `npm run docs:api` from shared/src/contracts; a test fails when it is stale. -->',
    'Every cloud function, from its contract in `shared/src/contracts/<function>.contract.ts`. Money is integer ' +
      'fen; instants are epoch milliseconds. Unknown request keys are dropped; a request that breaks its ' +
      'contract is answered `INVALID_ARGUMENT` and changes nothing. CloudPay’s `outTradeNo` is the order id ' +
      '(`orderId`), and a refund’s `outRefundNo` is derived from it, so neither is ever issued twice.',
    '## Callable functions',
    ...(await Promise.all(Object.values(contracts).map((c) => callableSection(c as Contract)))),
    '## Timed jobs',
    ...(await Promise.all(Object.values(jobContracts).map((c) => jobSection(c as JobContract)))),
    '## Payment callbacks',
    ...(await Promise.all(Object.values(callbackContracts).map((c) => callbackSection(c as CallbackContract)))),
    '## WeChat Pay notifications (HTTP)',
    ...(await Promise.all(Object.values(notifyContracts).map((c) => notifySection(c as NotifyContract)))),
    '## Console actions (adminApi)',
    `The console calls one HTTP function, \`adminApi\`, through CloudBase's HTTP access service: ` +
      `\`POST ${ADMIN_API_PREFIX}/<action>\` with a JSON body and \`Authorization: Bearer <session token>\` ` +
      '(from `staffLogin`). Every answer is the envelope, with this HTTP status for each error code:',
    statusTable(),
    ...(await Promise.all(Object.values(adminContracts).map((c) => adminSection(c as AdminContract)))),
  ];
  const options = await resolveConfig(API_DOC);
  return format(sections.join('\n\n'), { ...options, filepath: API_DOC });
}

if (isMain(import.meta.url)) {
  void apiDocText().then((text) => {
    writeFileSync(API_DOC, text);
    console.log(`wrote ${API_DOC}`);
  });
}
