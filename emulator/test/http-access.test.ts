import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../src/index';
import { FIXTURE_INDEXES } from './helpers/sdk';

/**
 * The HTTP access service through real HTTP: functions whose config.json has `http.path` are served under it on
 * the emulator's port, handed the integration request, and their answers turned into HTTP responses.
 */
const FUNCTIONS = fileURLToPath(new URL('./fixtures/http-functions', import.meta.url));

interface Echo {
  event: {
    path: string;
    httpMethod: string;
    headers: Record<string, string>;
    multiValueHeaders: Record<string, string[]>;
    queryStringParameters: Record<string, string>;
    requestContext: Record<string, unknown>;
    body: string;
    isBase64Encoded: boolean;
  };
  wx: Record<string, unknown>;
  requestId: string;
}

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    memory: true,
    envId: 'http-env',
    indexesFile: FIXTURE_INDEXES,
    functionsRoot: FUNCTIONS,
  });
});
afterAll(() => emulator.stop());

const url = (path: string) => `${emulator.url}${path}`;

/** A raw request, for what fetch cannot send (a header twice). */
function rawRequest(
  path: string,
  headers: [string, string][],
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // Raw headers: Node adds no Host of its own then.
    const raw = [['Host', new URL(emulator.url).host], ...headers].flat();
    const req = request(url(path), { method: 'POST', headers: raw }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the HTTP access service', () => {
  it('hands the function the integration request, as the web caller it is', async () => {
    const { status, text } = await rawRequest(
      '/web/orders/list?page=2&tag=a&tag=b&q=%E7%81%AB%E9%94%85',
      [
        ['Content-Type', 'application/json'],
        ['X-Trace', 'one'],
        ['X-Trace', 'two'],
      ],
      '{"hello":"山城"}',
    );
    expect(status).toBe(200);
    const { event, wx, requestId } = JSON.parse(text) as Echo;
    expect(event).toMatchObject({
      path: '/web/orders/list',
      httpMethod: 'POST',
      queryStringParameters: { page: '2', tag: 'b', q: '火锅' },
      body: '{"hello":"山城"}',
      isBase64Encoded: false,
      requestContext: { requestId, envId: 'http-env', appId: 123456789, uin: 123456789 },
    });
    expect(event.headers).toMatchObject({ 'content-type': 'application/json', 'x-trace': 'one, two' });
    expect(event.headers.host).toBe(new URL(emulator.url).host);
    expect(event.multiValueHeaders['x-trace']).toEqual(['one', 'two']);
    expect(requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(wx).toEqual({ CLIENTIP: '127.0.0.1', ENV: 'http-env', SOURCE: 'wx_http' });
  });

  it('serves the route path itself and everything under it, for any method, and nothing beside it', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(url('/web'), { method });
      expect(response.status, method).toBe(200);
      expect(((await response.json()) as Echo).event).toMatchObject({ path: '/web', httpMethod: method, body: '' });
    }
    expect((await fetch(url('/webshop'))).status).toBe(404);
    expect((await fetch(url('/other'))).status).toBe(404);
  });

  it('gives a path to the function with the longest route that holds it', async () => {
    expect(await (await fetch(url('/web/deeper/x'))).text()).toBe('deeper');
    expect(((await (await fetch(url('/web/deep'))).json()) as Echo).event.path).toBe('/web/deep');
  });

  it('passes a binary body as base64', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 0x89]);
    const response = await fetch(url('/web/upload'), {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const { event } = (await response.json()) as Echo;
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });

  it('answers a string or number as text/plain and an object as JSON, with status 200', async () => {
    const text = await fetch(url('/web?as=string'));
    expect([text.status, text.headers.get('content-type'), await text.text()]).toEqual([
      200,
      'text/plain; charset=utf-8',
      'hello gateway',
    ]);
    const number = await fetch(url('/web?as=number'));
    expect([number.headers.get('content-type'), await number.text()]).toEqual(['text/plain; charset=utf-8', '42']);
    const object = await fetch(url('/web?as=object'));
    expect(object.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await object.json()).toEqual({ foo: 'bar' });
  });

  it('takes an integration response’s status, headers and base64 body', async () => {
    const response = await fetch(url('/web?as=png'));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('x-one')).toBe('a');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    // The service sets the length of what it sends, whatever the function said.
    expect(response.headers.get('content-length')).toBe('8');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
    const head = await fetch(url('/web?as=png'), { method: 'HEAD' });
    expect([head.status, await head.text()]).toEqual([201, '']);
  });

  it('refuses a text body over 100 KB with EXCEED_MAX_PAYLOAD_SIZE before invoking anything; binary may be 6 MB', async () => {
    const before = emulator.runner.invocations().length;
    const big = JSON.stringify({ pad: 'x'.repeat(100 * 1024) });
    const response = await fetch(url('/web/big'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE', requestId: expect.any(String) });
    expect(emulator.runner.invocations().length).toBe(before);

    const binary = await fetch(url('/web/big'), {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: Buffer.alloc(200 * 1024, 7),
    });
    expect(binary.status).toBe(200);
    expect(Buffer.from(((await binary.json()) as Echo).event.body, 'base64').length).toBe(200 * 1024);
  });

  it('hands a deeply nested JSON body over as the string it is: the event itself stays shallow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const response = await fetch(url('/web'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deep,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Echo).event.body).toBe(deep);
  });

  it('answers a function that fails without its error text, and a malformed answer as such', async () => {
    const thrown = await fetch(url('/web?as=throw'));
    expect(thrown.status).toBe(502);
    const body = await thrown.text();
    expect(JSON.parse(body)).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', requestId: expect.any(String) });
    expect(body).not.toContain('secret');
    const bad = await fetch(url('/web?as=bad-status'));
    expect(bad.status).toBe(502);
    expect(await bad.json()).toMatchObject({ code: 'INVALID_FUNCTION_RESPONSE' });
  });
});

describe('HTTP access routes at start', () => {
  async function functionsWith(configs: Record<string, object>): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'http-routes-'));
    for (const [name, config] of Object.entries(configs)) {
      await cp(join(FUNCTIONS, 'webDeeper'), join(root, name), { recursive: true });
      await writeFile(join(root, name, 'config.json'), JSON.stringify(config));
    }
    return root;
  }

  it('refuses two functions on one path, and a route on a path the emulator answers itself', async () => {
    const twice = await functionsWith({ a: { http: { path: '/api' } }, b: { http: { path: '/api' } } });
    const reserved = await functionsWith({ a: { http: { path: '/fn' } } });
    try {
      await expect(startEmulator({ memory: true, functionsRoot: twice })).rejects.toThrow(
        /http\.path \/api is already the route of a/,
      );
      await expect(startEmulator({ memory: true, functionsRoot: reserved })).rejects.toThrow(
        /http\.path \/fn overlaps \/fn/,
      );
    } finally {
      await rm(twice, { recursive: true, force: true });
      await rm(reserved, { recursive: true, force: true });
    }
  });
});
