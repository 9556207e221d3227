import { describe, expect, it } from 'vitest';
import {
  albumFailure,
  codeFilePath,
  coverCrop,
  POSTER_HEIGHT,
  POSTER_WIDTH,
  type PosterItem,
  posterLayout,
  TITLE_CHARS_PER_LINE,
  wrapTitle,
} from './poster';

const texts = (items: PosterItem[]) => items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));

describe('poster layout', () => {
  const items = posterLayout({ title: '奉节脐橙', groupPrice: 3990, seatsLeft: 2 });

  it('shows the title, group price, seats left and the code hint', () => {
    expect(texts(items)).toEqual([
      '奉节脐橙',
      '拼团价 ¥39.90',
      '还差2人成团',
      '山城拼团 · 重庆本地好货',
      '长按识别小程序码参团',
    ]);
  });

  it('paints the photo over its grey placeholder, and the code, all inside the poster', () => {
    const images = items.filter((item) => item.kind === 'image');
    expect(images.map((item) => item.image)).toEqual(['photo', 'code']);
    expect(items.findIndex((i) => i.kind === 'image')).toBeGreaterThan(
      items.findIndex((i) => i.kind === 'rect' && i.color === '#f2f2f2'),
    );
    for (const item of items) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.y).toBeGreaterThanOrEqual(0);
      expect(item.x).toBeLessThanOrEqual(POSTER_WIDTH);
      expect(item.y).toBeLessThan(POSTER_HEIGHT);
      if (item.kind !== 'text') {
        expect(item.x + item.width).toBeLessThanOrEqual(POSTER_WIDTH);
        expect(item.y + item.height).toBeLessThanOrEqual(POSTER_HEIGHT);
      }
    }
  });

  it('centres the hint under the code', () => {
    const code = items.find((item) => item.kind === 'image' && item.image === 'code');
    const hint = items.find((item) => item.kind === 'text' && item.text === '长按识别小程序码参团');
    expect(code?.kind === 'image' && hint?.kind === 'text').toBe(true);
    if (code?.kind !== 'image' || hint?.kind !== 'text') return;
    expect(hint).toMatchObject({ align: 'center', x: code.x + code.width / 2 });
    expect(hint.y).toBeGreaterThan(code.y + code.height);
  });

  it('puts a long title on two lines, the second ending with …', () => {
    const long = posterLayout({
      title: '江津花椒 特级青花椒 麻得安逸 重庆人自己屋头吃的',
      groupPrice: 1990,
      seatsLeft: 1,
    });
    expect(texts(long).slice(0, 3)).toEqual(['江津花椒 特级青花椒 麻', '得安逸 重庆人自己屋头…', '拼团价 ¥19.90']);
  });
});

describe('title wrapping by character count', () => {
  it('keeps a short title on one line and splits at the line length', () => {
    expect(wrapTitle('火锅底料')).toEqual(['火锅底料']);
    const exact = '一二三四五六七八九十一二三四五六七八九十一二三四';
    expect(exact).toHaveLength(2 * TITLE_CHARS_PER_LINE);
    expect(wrapTitle(exact)).toEqual(['一二三四五六七八九十一二', '三四五六七八九十一二三四']);
  });

  it('cuts what does not fit in two lines, keeping each line within its length', () => {
    expect(wrapTitle('abcdefg', 3, 2)).toEqual(['abc', 'de…']);
    expect(wrapTitle('  abcdef  ', 3, 2)).toEqual(['abc', 'def']);
    expect(wrapTitle('', 3, 2)).toEqual([]);
  });
});

describe('drawing helpers', () => {
  it('crops a photo to fill the box without stretching', () => {
    expect(coverCrop(800, 600, 340, 340)).toEqual({ sx: 100, sy: 0, sw: 600, sh: 600 });
    expect(coverCrop(400, 800, 200, 200)).toEqual({ sx: 0, sy: 200, sw: 400, sh: 400 });
    expect(coverCrop(430, 430, 96, 96)).toEqual({ sx: 0, sy: 0, sw: 430, sh: 430 });
  });

  it('writes the code next to the shopper’s files, one per group', () => {
    expect(codeFilePath('wxfile://usr', 'G1')).toBe('wxfile://usr/poster-code-G1.png');
  });

  it('tells a refused album permission from a cancel', () => {
    expect(albumFailure('saveImageToPhotosAlbum:fail auth deny')).toBe('refused');
    expect(albumFailure('saveImageToPhotosAlbum:fail authorize no response')).toBe('refused');
    expect(albumFailure('saveImageToPhotosAlbum:fail cancel')).toBe('cancelled');
    expect(albumFailure('saveImageToPhotosAlbum:fail file not exists')).toBe('failed');
  });
});
