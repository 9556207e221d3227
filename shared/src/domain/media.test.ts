import { describe, expect, it } from 'vitest';
import { PRODUCT_IMAGE_MAX_BYTES, PRODUCT_IMAGE_TYPES, sizeText, sniffImageType, uploadRefusal } from './media';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const WEBP = Uint8Array.from([0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50]);
const GIF = new TextEncoder().encode('GIF89a......');
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">');

describe('image types', () => {
  it('are recognised by their first bytes', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(WEBP)).toBe('image/webp');
    expect(sniffImageType(GIF)).toBeUndefined();
    expect(sniffImageType(SVG)).toBeUndefined();
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
    // RIFF that is not WebP (a WAV file)
    expect(sniffImageType(new TextEncoder().encode('RIFF....WAVE'))).toBeUndefined();
  });

  it('refuse an empty file, one too large, and one that is not a listed image, in Chinese', () => {
    const limits = { maxBytes: PRODUCT_IMAGE_MAX_BYTES, types: PRODUCT_IMAGE_TYPES };
    expect(uploadRefusal({ size: 1000, head: PNG }, limits)).toBeUndefined();
    expect(uploadRefusal({ size: 0, head: PNG }, limits)).toBe('文件是空的');
    expect(uploadRefusal({ size: PRODUCT_IMAGE_MAX_BYTES + 1, head: PNG }, limits)).toBe('图片不能超过 4 MB');
    expect(uploadRefusal({ size: 1000, head: SVG }, limits)).toBe('只支持 JPG、PNG、WebP 图片');
    expect(uploadRefusal({ size: 1000, head: WEBP }, { ...limits, types: ['image/jpeg'] })).toBe('只支持 JPG 图片');
    expect([sizeText(4 * 1024 * 1024), sizeText(1536), sizeText(64)]).toEqual(['4 MB', '1.5 KB', '64 字节']);
  });
});
