/**
 * The checkers that guard `npm test` and `npm run build`, each run on a fixture it must reject: a broken
 * template, a forbidden import, a type error, and malformed function folders.
 */
import { ESLint } from 'eslint';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCloudFunctions } from './build-cloudfunctions';
import { checkTemplates } from './check-templates';
import { cloudbaseRcText } from './cloudbaserc';
import { fromRoot } from './paths';

const fixture = (...parts: string[]) => join(__dirname, 'fixtures', ...parts);

describe('check:templates (wcc/wcsc)', () => {
  it('passes good templates', () => {
    expect(checkTemplates(fixture('templates', 'good'))).toEqual({ wxml: 1, wxss: 1, problems: [] });
  });

  it('fails a broken .wxml with its file and line', () => {
    const { problems } = checkTemplates(fixture('templates', 'broken-wxml'));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.compiler).toBe('wcc');
    expect(problems[0]?.message).toMatch(/pages\/a\/a\.wxml:\d+:\d+/);
  });

  it('fails a custom component the template does not declare (wcc says nothing)', () => {
    expect(checkTemplates(fixture('templates', 'undeclared')).problems).toEqual([
      { compiler: 'usingComponents', message: 'pages/a/a.wxml uses <price> without declaring it in usingComponents' },
    ]);
  });

  it('fails a broken .wxss with its file and line', () => {
    const { problems } = checkTemplates(fixture('templates', 'broken-wxss'));
    expect(problems[0]?.compiler).toBe('wcsc');
    expect(problems[0]?.message).toMatch(/pages\/a\/a\.wxss\(\d+:\d+\)/);
  });
});

describe('lint import boundaries', () => {
  const eslint = new ESLint({ cwd: fromRoot() });
  const restricted = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath: fromRoot(filePath) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('forbids wx-server-sdk, node built-ins and server code in the domain', async () => {
    const code = "import cloud from 'wx-server-sdk';\nexport const x = cloud;\n";
    expect(await restricted(code, 'shared/src/domain/group.machine.ts')).toEqual([
      expect.stringContaining('wx-server-sdk'),
    ]);
    expect(
      await restricted(
        "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
        'shared/src/kernel/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        "import { createHash } from 'crypto';\nexport const h = createHash;\n",
        'shared/src/contracts/x.ts',
      ),
    ).toHaveLength(1);
    expect(
      await restricted("import { ping } from '../server';\nexport const p = ping;\n", 'shared/src/domain/x.ts'),
    ).toHaveLength(1);
  });

  it('forbids server code and the SDK in the mini-program', async () => {
    expect(
      await restricted("import { ping } from '@shared/server';\nexport const p = ping;\n", 'miniprogram/pages/a/a.ts'),
    ).toHaveLength(1);
    expect(
      await restricted("import * as cloud from 'wx-server-sdk';\nexport const c = cloud;\n", 'miniprogram/app.ts'),
    ).toHaveLength(1);
  });

  it('forbids product code importing the emulator, and zod outside the kernel', async () => {
    expect(
      await restricted("import { x } from '../emulator/src';\nexport const y = x;\n", 'cloudfunctions/a/src/index.ts'),
    ).toHaveLength(1);
    expect(
      await restricted("import { x } from '../../../emulator/src';\nexport const y = x;\n", 'shared/src/server/a.ts'),
    ).toHaveLength(1);
    expect(
      await restricted("import { z } from 'zod';\nexport const s = z.string();\n", 'shared/src/domain/a.ts'),
    ).toHaveLength(1);
  });

  it('allows the inward direction', async () => {
    expect(
      await restricted(
        "import { DomainError } from '../kernel/errors';\nexport const e = DomainError;\n",
        'shared/src/domain/a.ts',
      ),
    ).toEqual([]);
  });
});

describe('typecheck', () => {
  const diagnosticsOf = (file: string) => {
    const config = ts.getParsedCommandLineOfConfigFile(
      fromRoot('shared', 'tsconfig.json'),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error('no shared/tsconfig.json');
    // One fixture outside the project: check it as a plain program, not as part of the composite build.
    const program = ts.createProgram([fixture('typecheck', file)], {
      ...config.options,
      composite: false,
      emitDeclarationOnly: false,
      noEmit: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('rejects a type error in domain code', () => {
    expect(diagnosticsOf('domain-type-error.ts')).toEqual([expect.stringContaining("not assignable to type 'number'")]);
  });

  it('hides node globals from domain code', () => {
    expect(diagnosticsOf('domain-uses-process.ts')).toEqual([expect.stringContaining("Cannot find name 'process'")]);
  });

  it('accepts correct domain code', () => {
    expect(diagnosticsOf('domain-ok.ts')).toEqual([]);
  });
});

describe('build:cf', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'build-cf-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const copyOf = (name: string) => {
    const dir = join(scratch, name);
    cpSync(fixture('functions', name), dir, { recursive: true });
    return dir;
  };

  it('fails a function folder without package.json', async () => {
    await expect(buildCloudFunctions(copyOf('no-package-json'))).rejects.toThrow(
      'cloudfunctions/fn has no package.json',
    );
  });

  it('fails a function that does not pin wx-server-sdk exactly', async () => {
    await expect(buildCloudFunctions(copyOf('loose-pin'))).rejects.toThrow('"wx-server-sdk": "4.0.2" exactly');
  });

  it('fails a bundle that requires a module other than node built-ins and wx-server-sdk', async () => {
    await expect(buildCloudFunctions(copyOf('foreign-require'))).rejects.toThrow('requires left-pad-not-installed');
  });
});

describe('cloudbaserc.json', () => {
  it('is what the functions’ config.json files say (run `npm run cloudbaserc` after changing one)', () => {
    expect(readFileSync(fromRoot('cloudbaserc.json'), 'utf8')).toBe(cloudbaseRcText());
  });
});
