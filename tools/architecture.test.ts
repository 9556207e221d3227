/**
 * The layout and the rules of docs/architecture.md, checked: a newcomer finds every function's entry,
 * contract, use case and test by its name; statuses are written only in the domain; every link in the
 * repository's markdown resolves inside the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { ZodEnum } from 'zod';
import { ADMIN_API_PREFIX, adminContracts } from '../shared/src/contracts/admin';
import { ISOLATED_TESTS } from './isolated-tests.mjs';
import { fromRoot, repoRoot } from './paths';

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Every file below `dir` (repository-relative), skipping dependencies and generated output. */
function walk(dir: string, keep: (path: string) => boolean): string[] {
  const skip = new Set(['node_modules', 'miniprogram_npm', 'dist', '.cloudbase-local', '.cache', '.git', 'coverage']);
  const out: string[] = [];
  for (const name of readdirSync(fromRoot(dir))) {
    if (skip.has(name)) continue;
    const path = join(dir, name);
    if (statSync(fromRoot(path)).isDirectory()) out.push(...walk(path, keep));
    else if (keep(path)) out.push(path);
  }
  return out;
}

const functionNames = readdirSync(fromRoot('cloudfunctions')).filter((name) =>
  existsSync(fromRoot('cloudfunctions', name, 'src', 'index.ts')),
);

describe('every cloud function is found by its name', () => {
  const useCases = walk('shared/src/server', (p) => p.endsWith('.ts') && !p.endsWith('.test.ts'));

  it.each(functionNames)('%s: entry, contract, use case and test', (name) => {
    const file = kebab(name);
    const entry = readFileSync(fromRoot('cloudfunctions', name, 'src', 'index.ts'), 'utf8');
    const contract = `shared/src/contracts/${file}.contract.ts`;
    expect(readFileSync(fromRoot(contract), 'utf8'), contract).toContain(`export const ${name}Contract`);
    const matches = useCases.filter((p) => p.endsWith(`/${file}.ts`));
    expect(matches, `one use case named ${file}.ts`).toHaveLength(1);
    const [useCase = ''] = matches;
    expect(readFileSync(fromRoot(useCase), 'utf8')).toMatch(new RegExp(`export (const|async function) ${name}\\b`));
    expect(entry).toContain(`@shared/contracts/${file}.contract'`);
    expect(entry).toContain(`@shared/${useCase.slice('shared/src/'.length, -'.ts'.length)}'`);
    const test = useCase.replace(/\.ts$/, '.test.ts');
    expect(existsSync(fromRoot(test)), `${test} beside its use case`).toBe(true);
  });

  it('has no use-case file without its function', () => {
    const names = new Set(functionNames.map(kebab));
    const areas = readdirSync(fromRoot('shared/src/server')).filter((d) =>
      statSync(fromRoot('shared/src/server', d)).isDirectory(),
    );
    const contracts = readdirSync(fromRoot('shared/src/contracts'))
      .filter((f) => f.endsWith('.contract.ts'))
      .map((f) => f.slice(0, -'.contract.ts'.length));
    expect(contracts.filter((c) => !names.has(c))).toEqual([]);
    expect(areas.length).toBeGreaterThan(3);
  });
});

describe('every console action is found by its name', () => {
  const useCases = walk('shared/src/server', (p) => p.endsWith('.ts') && !p.endsWith('.test.ts'));

  it.each(Object.keys(adminContracts))('%s: contract and use case, served by adminApi', (action) => {
    const file = kebab(action);
    const contract = `shared/src/contracts/admin/${file}.contract.ts`;
    expect(readFileSync(fromRoot(contract), 'utf8'), contract).toContain(`export const ${action}Contract`);
    const matches = useCases.filter((p) => p.endsWith(`/${file}.ts`));
    expect(matches, `one use case named ${file}.ts`).toHaveLength(1);
    expect(readFileSync(fromRoot(matches[0] ?? ''), 'utf8')).toContain(`export const ${action}:`);
  });

  it('routes adminApi at the prefix the console calls', () => {
    const config = JSON.parse(readFileSync(fromRoot('cloudfunctions/adminApi/config.json'), 'utf8')) as {
      http?: { path?: string };
    };
    expect(config.http?.path).toBe(ADMIN_API_PREFIX);
  });
});

/**
 * Every value of every `...StatusSchema` (and `...StateSchema`: a parcel's state) the domain exports: the words
 * only the domain may write.
 */
async function domainStatuses(): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (const file of readdirSync(fromRoot('shared/src/domain')).filter((f) => /^[a-z-.]+\.ts$/.test(f))) {
    if (file.endsWith('.test.ts')) continue;
    const module = (await import(fromRoot('shared/src/domain', file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (!name.endsWith('StatusSchema') && !name.endsWith('StateSchema')) continue;
      for (const status of (value as ZodEnum).options) statuses.set(String(status), `${file}#${name}`);
    }
  }
  return statuses;
}

/** The string literals of a TypeScript file (comments are not literals), with their lines. */
function stringLiterals(path: string): { text: string; line: number }[] {
  const source = readFileSync(fromRoot(path), 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const out: { text: string; line: number }[] = [];
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.StringLiteral || token === ts.SyntaxKind.NoSubstitutionTemplateLiteral) {
      out.push({ text: scanner.getTokenValue(), line: source.slice(0, scanner.getTokenStart()).split('\n').length });
    }
  }
  return out;
}

describe('statuses are written only in the domain', () => {
  it('finds no status literal in server code or function entries', async () => {
    const statuses = await domainStatuses();
    expect(statuses.size).toBeGreaterThan(15);
    const files = [
      ...walk('shared/src/server', (p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('/testing/')),
      ...walk('cloudfunctions', (p) => p.endsWith('.ts') && p.includes('/src/')),
      ...walk('shared/src/contracts', (p) => p.endsWith('.ts')),
    ];
    const found = files.flatMap((file) =>
      stringLiterals(file)
        .filter((literal) => statuses.has(literal.text))
        .map((literal) => `${file}:${literal.line} '${literal.text}' (${statuses.get(literal.text)})`),
    );
    expect(found).toEqual([]);
  });

  it('would find one', () => {
    const literals = stringLiterals('shared/src/domain/group.machine.ts').map((l) => l.text);
    expect(literals).toContain('forming');
  });
});

/** Folder → the folders of `shared/src/server` its non-test files import, with one importing file per edge. */
function serverFolderImports(): Map<string, Map<string, string>> {
  const root = 'shared/src/server';
  const graph = new Map<string, Map<string, string>>();
  const files = walk(root, (p) => p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('/testing/'));
  for (const file of files) {
    const from = relative(root, file).split('/')[0] ?? '';
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const { fileName } of ts.preProcessFile(readFileSync(fromRoot(file), 'utf8')).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = relative(fromRoot(root), resolve(dirname(fromRoot(file)), fileName));
      const to = target.split('/')[0] ?? '';
      if (!target.startsWith('..') && to !== from && !edges.has(to)) edges.set(to, file);
    }
  }
  return graph;
}

/** A cycle of the graph as `a -> b -> a` (with the file behind each step), or null. */
function findCycle(graph: Map<string, Map<string, string>>): string | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string | null => {
    const at = path.indexOf(node);
    if (at >= 0) {
      const cycle = [...path.slice(at), node];
      return cycle.map((n, i) => (i === 0 ? n : `-> ${n} (${graph.get(cycle[i - 1] ?? '')?.get(n)})`)).join(' ');
    }
    if (done.has(node)) return null;
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return null;
}

describe('the folders of shared/src/server', () => {
  const graph = serverFolderImports();
  const foundations = ['runtime', 'cloudbase', 'repositories', 'providers'];

  it('import each other without a cycle (the console composes the areas; no area imports it)', () => {
    expect(findCycle(graph)).toBeNull();
    expect([...graph].filter(([, to]) => to.has('console')).map(([from]) => from)).toEqual([]);
  });

  it('foundations import no business area', () => {
    const upward = foundations.flatMap((from) =>
      [...(graph.get(from) ?? [])].filter(([to]) => !foundations.includes(to)).map(([to, file]) => `${file} -> ${to}`),
    );
    expect(upward).toEqual([]);
  });

  it('would find a cycle', () => {
    const edges = (pairs: [string, string][]) => new Map(pairs.map(([to, file]) => [to, file]));
    const cyclic = new Map([
      ['a', edges([['b', 'a/x.ts']])],
      ['b', edges([['a', 'b/y.ts']])],
    ]);
    expect(findCycle(cyclic)).toBe('a -> b (a/x.ts) -> a (b/y.ts)');
    expect(graph.get('console')?.has('ordering')).toBe(true);
  });
});

describe('markdown links', () => {
  const docs = walk('.', (p) => p.endsWith('.md'));

  it('reads the repository’s own documents', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'emulator/README.md']));
  });

  it.each(docs)('%s: every relative link resolves inside the repository', (doc) => {
    const text = readFileSync(fromRoot(doc), 'utf8').replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] ?? '');
    const broken = targets
      .filter((target) => !/^(https?:|mailto:|#)/.test(target))
      .map((target) => target.split('#')[0] ?? '')
      .filter((target) => {
        const path = resolve(dirname(fromRoot(doc)), decodeURIComponent(target));
        return relative(repoRoot, path).startsWith('..') || !existsSync(path);
      });
    expect(broken).toEqual([]);
  });
});

describe('test files without isolation', () => {
  it('replace no module: a file that calls vi.mock is listed in tools/isolated-tests.mts', () => {
    const mocking = walk('.', (p) => p.endsWith('.test.ts') && !p.endsWith('.slow.test.ts')).filter((p) =>
      /\bvi\.(mock|doMock)\(/.test(readFileSync(fromRoot(p), 'utf8')),
    );
    expect(mocking.sort()).toEqual([...ISOLATED_TESTS].sort());
  });
});
