/**
 * Renders a component of `components/` the way the mini-program would, for component tests: the
 * official wcc compiles its template (and those of the components it uses) and `miniprogram-simulate`
 * runs it in jsdom. Test files using this start with `// @vitest-environment jsdom`.
 *
 * miniprogram-simulate runs component code with a plain `require`, which knows no TypeScript and no
 * `@shared` alias. So each component's module is imported through vitest first (with `Component`
 * captured), and simulate's `runJs` is pointed at the captured definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export const componentsRoot = join(dirname(fileURLToPath(import.meta.url)), '..', 'components');

type Definition = WechatMiniprogram.Component.TrivialOption;

interface SimulateApi {
  load(path: string, options: { compiler: 'official'; rootPath: string }): string;
  load(definition: { template: string; usingComponents: Record<string, string> }): string;
  render(id: string, properties?: Record<string, unknown>): RenderedComponent;
}

export interface RenderedComponent {
  readonly dom: HTMLElement;
  readonly data: Record<string, unknown>;
  readonly instance: WechatMiniprogram.Component.TrivialInstance;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): RenderedComponent | undefined;
  querySelectorAll(selector: string): RenderedComponent[];
  /** `dispatchEvent('tap')`: the event fires on the next microtask, so `await sleep(0)` before checking. */
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  setData(data: Record<string, unknown>): void;
  addEventListener(name: string, listener: (event: { detail: unknown }) => void): void;
}

// Requiring miniprogram-simulate installs its `Component` global: keep it, and capture definitions with our own.
const simulate = require('miniprogram-simulate') as SimulateApi;
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (path: string) => void };
const registerWithSimulate = (globalThis as unknown as { Component: (definition: Definition) => void }).Component;
const definitions = new Map<string, Definition>();
simulateUtils.runJs = (path) => {
  const definition = definitions.get(path);
  if (!definition) throw new Error(`component not preloaded: ${path}`);
  registerWithSimulate(definition);
};

/** Imports the component's module (and those it uses, first) and keeps the definition it passes to `Component`. */
async function preload(path: string): Promise<void> {
  if (definitions.has(path)) return;
  const json = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
  for (const used of Object.values(json.usingComponents ?? {})) {
    const usedPath = join(dirname(path), used);
    if (existsSync(`${usedPath}.json`)) await preload(usedPath);
  }
  let captured: Definition | undefined;
  const global = globalThis as unknown as { Component: (definition: Definition) => void };
  global.Component = (definition) => {
    captured = definition;
  };
  try {
    await import(/* @vite-ignore */ `${path}.ts`);
  } finally {
    global.Component = registerWithSimulate;
  }
  if (!captured) throw new Error(`${path}.ts did not call Component()`);
  definitions.set(path, captured);
}

async function load(name: string): Promise<string> {
  const path = join(componentsRoot, name, 'index');
  await preload(path);
  return simulate.load(path, { compiler: 'official', rootPath: componentsRoot });
}

function attached(id: string, properties: Record<string, unknown> = {}): RenderedComponent {
  const component = simulate.render(id, properties);
  component.attach(document.createElement('parent-wrapper'));
  return component;
}

/** `await render('price', { amount: 2990 })`: the component attached to a document, ready to inspect. */
export async function render(name: string, properties: Record<string, unknown> = {}): Promise<RenderedComponent> {
  return attached(await load(name), properties);
}

/**
 * `await renderInside('page-state', '<page-state state="ready"><text class="mine">…</text></page-state>')`:
 * the component used in a host's template (compiled by simulate, not wcc), to check what it does with the
 * content a page gives its slot. Query the host for what the shopper sees.
 */
export async function renderInside(name: string, template: string): Promise<RenderedComponent> {
  return attached(simulate.load({ template, usingComponents: { [name]: await load(name) } }));
}

/** Lets a dispatched event (or anything else queued) run. */
export const sleep = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The text a shopper reads in the first element matching `selector` (component classes are written unprefixed). */
export function textIn(component: RenderedComponent, selector: string): string {
  return (component.querySelector(selector)?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether an element matching `selector` is rendered. */
export const shows = (component: RenderedComponent, selector: string) =>
  component.querySelector(selector) !== undefined;
