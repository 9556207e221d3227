/**
 * The group poster's layout, in canvas pixels before the device pixel ratio: the product photo on top,
 * then the title (at most 2 lines), the group price and the seats left on the left, the mini-program
 * code with its hint on the right. Pure data: `draw-poster.ts` paints the items in order.
 */
import { priceText, seatsLeftText } from '../../../../utils/format';

export const POSTER_WIDTH = 340;
export const POSTER_HEIGHT = 520;

const PADDING = 16;
const PHOTO_SIZE = POSTER_WIDTH;
const CODE_SIZE = 96;
const CODE_X = POSTER_WIDTH - PADDING - CODE_SIZE;
/** How many characters of the title fit on a line of the left column at 16px. */
export const TITLE_CHARS_PER_LINE = 12;
const TITLE_MAX_LINES = 2;
const TITLE_LINE_HEIGHT = 24;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type PosterItem =
  | (Box & { readonly kind: 'rect'; readonly color: string })
  | (Box & { readonly kind: 'image'; readonly image: 'photo' | 'code' })
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly font: string;
      readonly color: string;
      readonly align: 'left' | 'center';
    };

export interface PosterContent {
  readonly title: string;
  readonly groupPrice: number;
  readonly seatsLeft: number;
}

/** The title cut into lines of `perLine` characters; past `maxLines`, the last line ends with `…`. */
export function wrapTitle(title: string, perLine = TITLE_CHARS_PER_LINE, maxLines = TITLE_MAX_LINES): string[] {
  const chars = Array.from(title.trim());
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${Array.from(kept[maxLines - 1] ?? '')
    .slice(0, perLine - 1)
    .join('')}…`;
  return kept;
}

/** Everything on the poster, in painting order (text is drawn with its top at `y`). */
export function posterLayout(content: PosterContent): PosterItem[] {
  const text = (text: string, x: number, y: number, font: string, color: string, align: 'left' | 'center' = 'left') =>
    ({ kind: 'text', text, x, y, font, color, align }) as const;
  const titleTop = PHOTO_SIZE + PADDING;
  const priceTop = titleTop + TITLE_MAX_LINES * TITLE_LINE_HEIGHT + 12;
  return [
    { kind: 'rect', x: 0, y: 0, width: POSTER_WIDTH, height: POSTER_HEIGHT, color: '#ffffff' },
    // Shows when the photo cannot be loaded.
    { kind: 'rect', x: 0, y: 0, width: PHOTO_SIZE, height: PHOTO_SIZE, color: '#f2f2f2' },
    { kind: 'image', image: 'photo', x: 0, y: 0, width: PHOTO_SIZE, height: PHOTO_SIZE },
    ...wrapTitle(content.title).map((line, i) =>
      text(line, PADDING, titleTop + i * TITLE_LINE_HEIGHT, 'bold 16px sans-serif', '#222222'),
    ),
    text(`拼团价 ${priceText(content.groupPrice)}`, PADDING, priceTop, 'bold 22px sans-serif', '#e34d59'),
    text(seatsLeftText(content.seatsLeft), PADDING, priceTop + 34, '14px sans-serif', '#e34d59'),
    text('山城拼团 · 重庆本地好货', PADDING, POSTER_HEIGHT - PADDING - 14, '12px sans-serif', '#999999'),
    { kind: 'image', image: 'code', x: CODE_X, y: titleTop, width: CODE_SIZE, height: CODE_SIZE },
    text(
      '长按识别小程序码参团',
      CODE_X + CODE_SIZE / 2,
      titleTop + CODE_SIZE + 8,
      '10px sans-serif',
      '#999999',
      'center',
    ),
  ];
}

/**
 * The part of an image to draw so that it fills a box without stretching (CSS `object-fit: cover`):
 * the centred crop with the box's aspect ratio.
 */
export function coverCrop(
  imageWidth: number,
  imageHeight: number,
  boxWidth: number,
  boxHeight: number,
): { sx: number; sy: number; sw: number; sh: number } {
  const scale = Math.max(boxWidth / imageWidth, boxHeight / imageHeight);
  const sw = boxWidth / scale;
  const sh = boxHeight / scale;
  return { sx: (imageWidth - sw) / 2, sy: (imageHeight - sh) / 2, sw, sh };
}

/** Where the poster's code PNG is written before the canvas loads it. */
export const codeFilePath = (userDataPath: string, groupId: string) => `${userDataPath}/poster-code-${groupId}.png`;

export type AlbumFailure = 'cancelled' | 'refused' | 'failed';

/** Why `wx.saveImageToPhotosAlbum` failed, from its errMsg: the shopper cancelled, the album is not allowed, or else. */
export function albumFailure(errMsg: string): AlbumFailure {
  if (/auth|authorize|permission/i.test(errMsg)) return 'refused';
  return /cancel/i.test(errMsg) ? 'cancelled' : 'failed';
}
