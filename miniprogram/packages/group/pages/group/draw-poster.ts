/**
 * Making and saving the group poster: the mini-program code from getShareCode is written to a file, the
 * layout of `poster.ts` is painted on the page's `<canvas type="2d" id="poster">`, the canvas becomes
 * an image, and the image goes to the photo album (asking for the album permission again through the
 * settings page when the shopper refused it before).
 */
import { callFunction, currentCloud } from '../../../../services/cloud';
import {
  type AlbumFailure,
  albumFailure,
  codeFilePath,
  coverCrop,
  POSTER_HEIGHT,
  POSTER_WIDTH,
  type PosterContent,
  type PosterItem,
  posterLayout,
} from './poster';

type Canvas = WechatMiniprogram.Canvas;
type Image = WechatMiniprogram.Image;

export type PosterResult = { ok: true; filePath: string } | { ok: false; message: string };

/** Draws the poster of a group on the page's canvas and returns it as a temporary image file. */
export async function makePoster(
  groupId: string,
  content: PosterContent & { readonly image: string },
): Promise<PosterResult> {
  const code = await callFunction('getShareCode', { groupId });
  if (!code.ok) return { ok: false, message: code.error.message };
  try {
    const codePath = await writeBase64(codeFilePath(wx.env.USER_DATA_PATH, groupId), code.data.pngBase64);
    const canvas = await posterCanvas();
    const [photo, codeImage] = await Promise.all([
      downloadable(content.image)
        .then((src) => loadImage(canvas, src))
        .catch(() => undefined), // without its photo the poster keeps a grey square
      loadImage(canvas, codePath),
    ]);
    paint(canvas, posterLayout(content), { photo, code: codeImage });
    const { tempFilePath } = await wx.canvasToTempFilePath({ canvas });
    return { ok: true, filePath: tempFilePath };
  } catch {
    return { ok: false, message: '海报生成失败，请稍后再试' };
  }
}

export type AlbumOutcome = 'saved' | AlbumFailure;

/** Saves the poster to the album; when the album permission was refused, offers the settings page once. */
export async function saveToAlbum(filePath: string): Promise<AlbumOutcome> {
  const outcome = await save(filePath);
  if (outcome !== 'refused') return outcome;
  const { confirm } = await wx.showModal({
    title: '需要保存到相册的权限',
    content: '在设置里打开「保存到相册」，海报就能存到手机上了',
    confirmText: '去设置',
  });
  if (!confirm) return 'refused';
  const { authSetting } = await wx.openSetting({});
  return authSetting['scope.writePhotosAlbum'] ? save(filePath) : 'refused';
}

const save = (filePath: string): Promise<AlbumOutcome> =>
  wx.saveImageToPhotosAlbum({ filePath }).then(
    () => 'saved' as const,
    (error: { errMsg?: string }) => albumFailure(error.errMsg ?? ''),
  );

function writeBase64(filePath: string, data: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().writeFile({
      filePath,
      data,
      encoding: 'base64',
      success: () => resolve(filePath),
      fail: reject,
    });
  });
}

/** The page's poster canvas, sized for the screen's pixel ratio so the saved image is sharp. */
function posterCanvas(): Promise<Canvas> {
  return new Promise((resolve, reject) => {
    wx.createSelectorQuery()
      .select('#poster')
      .fields({ node: true, size: true })
      .exec((results: Array<{ node?: Canvas } | null>) => {
        const canvas = results[0]?.node;
        if (!canvas) return reject(new Error('poster canvas not found'));
        const dpr = wx.getWindowInfo().pixelRatio;
        canvas.width = POSTER_WIDTH * dpr;
        canvas.height = POSTER_HEIGHT * dpr;
        canvas.getContext('2d').scale(dpr, dpr);
        resolve(canvas);
      });
  });
}

/** A product photo the canvas can load: a cloud file id becomes its temporary https URL. */
async function downloadable(src: string): Promise<string> {
  if (!src.startsWith('cloud://') || currentCloud().mode !== 'cloud') return src;
  const { fileList } = await wx.cloud.getTempFileURL({ fileList: [src] });
  return fileList[0]?.tempFileURL ?? '';
}

function loadImage(canvas: Canvas, src: string): Promise<Image> {
  return new Promise((resolve, reject) => {
    if (!src) return reject(new Error('no image'));
    const image = canvas.createImage();
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = src;
  });
}

function paint(canvas: Canvas, items: readonly PosterItem[], images: { photo?: Image; code: Image }): void {
  const ctx = canvas.getContext('2d');
  ctx.textBaseline = 'top';
  for (const item of items) {
    if (item.kind === 'rect') {
      ctx.fillStyle = item.color;
      ctx.fillRect(item.x, item.y, item.width, item.height);
    } else if (item.kind === 'text') {
      ctx.font = item.font;
      ctx.fillStyle = item.color;
      ctx.textAlign = item.align;
      ctx.fillText(item.text, item.x, item.y);
    } else {
      const image = images[item.image];
      if (!image) continue;
      const { sx, sy, sw, sh } = coverCrop(image.width, image.height, item.width, item.height);
      ctx.drawImage(image, sx, sy, sw, sh, item.x, item.y, item.width, item.height);
    }
  }
}
