import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oversizedPackages, PACKAGE_LIMIT_BYTES, packageSizes, reachableNpmFiles } from './miniprogram-size';
import { fromRoot } from './paths';

const root = fromRoot('miniprogram');
const npm = join(root, 'miniprogram_npm');
const sizeOf = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? sizeOf(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );

describe('mini-program package sizes', () => {
  it('follow a component through its JSON, JS imports, WXSS @import and WXML wxs/import', () => {
    const files = [...reachableNpmFiles(root, ['tdesign-miniprogram/button/button'])].map((f) => relative(npm, f));
    expect(files).toEqual(
      expect.arrayContaining([
        'tdesign-miniprogram/button/button.js',
        'tdesign-miniprogram/button/props.js', // JS import
        'tdesign-miniprogram/icon/icon.wxml', // usingComponents
        'tdesign-miniprogram/common/style/index.wxss', // @import
        'tdesign-miniprogram/common/utils.wxs', // <wxs src>
        'tdesign-miniprogram/common/template/icon.wxml', // <import src>
      ]),
    );
    expect(files.some((f) => f.includes('miniprogram_npm/tslib/'))).toBe(true); // a bare import
    expect(files.some((f) => f.includes('/calendar/'))).toBe(false);
  });

  it('fit WeChat’s 2 MB caps, counting only the npm files the pages reach', () => {
    const sizes = packageSizes(root);
    expect(oversizedPackages(sizes)).toEqual([]);
    expect(sizes.npm).toBeGreaterThan(0);
    expect(sizes.npm).toBeLessThan(sizeOf(npm) / 4);
    expect(Object.keys(sizes.subpackages)).toEqual(['group', 'order', 'me', 'after-sale', 'leader']);
  });

  it('count an npm package a script requires (qrcode-generator, for the pickup code)', () => {
    const withModule = reachableNpmFiles(root, [], [join(npm, 'qrcode-generator', 'index.js')]);
    expect([...withModule].map((f) => relative(npm, f))).toEqual(['qrcode-generator/index.js']);
    const sizes = packageSizes(root);
    expect(sizes.npm).toBeGreaterThan(statSync(join(npm, 'qrcode-generator', 'index.js')).size);
  });

  it('name a package over its cap', () => {
    const over = {
      main: PACKAGE_LIMIT_BYTES + 1,
      npm: 0,
      subpackages: { group: 10, order: PACKAGE_LIMIT_BYTES + 2048 },
    };
    expect(oversizedPackages(over)).toEqual([
      "the main package is 2048.0 KiB, over WeChat's 2048.0 KiB cap",
      "the order package is 2050.0 KiB, over WeChat's 2048.0 KiB cap",
    ]);
  });
});
