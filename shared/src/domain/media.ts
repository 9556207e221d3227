/**
 * Uploaded files: the image types the product accepts, recognised by their first bytes (magic numbers)
 * rather than by what the browser or the file name claims, and how large one may be. Pure: the server
 * checks every upload with it, and the console checks a file the same way before sending it.
 */

export const IMAGE_TYPES = {
  'image/jpeg': { extension: 'jpg', label: 'JPG' },
  'image/png': { extension: 'png', label: 'PNG' },
  'image/webp': { extension: 'webp', label: 'WebP' },
} as const;
export type ImageType = keyof typeof IMAGE_TYPES;

export const isImageType = (value: string): value is ImageType =>
  Object.prototype.hasOwnProperty.call(IMAGE_TYPES, value);

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The bytes needed to recognise any of the types. */
export const SNIFF_BYTES = 12;

/** The image type the bytes are, by their signature, or undefined when they are none of them. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF....WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp';
  }
  return undefined;
}

/**
 * What the HTTP access service hands a function at most (non-text bodies, 6 MB). The body reaches the
 * function base64-encoded, a third larger, so an action keeps its own limit lower.
 */
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

/** A product image: at most 4 MB (5.4 MB once base64-encoded, under the 6 MB the service passes on). */
export const PRODUCT_IMAGE_MAX_BYTES = 4 * 1024 * 1024;
export const PRODUCT_IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** `4 MB`, `500 KB`, `64 字节`. */
export function sizeText(bytes: number): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KB`;
  return `${bytes} 字节`;
}

/** The Chinese message for a file that is not one of `types`. */
export const wrongTypeMessage = (types: readonly ImageType[]): string =>
  `只支持 ${types.map((t) => IMAGE_TYPES[t].label).join('、')} 图片`;

/** The Chinese message for a file over `maxBytes`. */
export const tooLargeMessage = (maxBytes: number): string => `图片不能超过 ${sizeText(maxBytes)}`;

/** Why an upload is refused (its Chinese message), or undefined: empty, too large, or not one of the types. */
export function uploadRefusal(
  file: { readonly size: number; readonly head: Uint8Array },
  limits: { readonly maxBytes: number; readonly types: readonly ImageType[] },
): string | undefined {
  if (file.size === 0) return '文件是空的';
  if (file.size > limits.maxBytes) return tooLargeMessage(limits.maxBytes);
  const type = sniffImageType(file.head);
  if (!type || !limits.types.includes(type)) return wrongTypeMessage(limits.types);
  return undefined;
}
