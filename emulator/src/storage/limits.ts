/**
 * What the emulator lets a function store. These limits are ours, not CloudBase's: the platform's storage takes
 * any file type, up to COS's 5 GB per upload, and its security rules cannot look at a file's size or type. The
 * project stores images only (product photos now, shoppers' photos later), at most 10 MB each, so the emulator
 * refuses anything else: code that would store something else fails locally first. In production the function
 * that uploads must check the same (the limits are exported for it).
 */
export interface StorageLimits {
  /** Largest file, in bytes. */
  readonly maxObjectBytes: number;
  /** The content types allowed, each known by its file extensions and its first bytes. */
  readonly types: readonly ImageType[];
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

export const IMAGE_EXTENSIONS: Readonly<Record<ImageType, readonly string[]>> = {
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
};

export const DEFAULT_STORAGE_LIMITS: StorageLimits = {
  maxObjectBytes: 10 * 1024 * 1024,
  types: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
};

/** The type a cloud path's extension names, among the allowed ones. */
export function typeOfPath(path: string, limits: StorageLimits): ImageType | undefined {
  const lower = path.toLowerCase();
  return limits.types.find((type) => IMAGE_EXTENSIONS[type].some((extension) => lower.endsWith(extension)));
}

/** The image type the bytes start like, if any. */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  const head = bytes.subarray(0, 6).toString('latin1');
  if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}

/** The content type a stored file is served with, from its extension. */
export function contentTypeOfPath(path: string): string {
  const lower = path.toLowerCase();
  for (const [type, extensions] of Object.entries(IMAGE_EXTENSIONS)) {
    if (extensions.some((extension) => lower.endsWith(extension))) return type;
  }
  return 'application/octet-stream';
}
