/**
 * The shopper's after-sales photos, uploaded to cloud storage under their own `after-sales/<openid>/` folder:
 * the only files requestAfterSale accepts. In the cloud it is `wx.cloud.uploadFile`. In local mode the
 * mini-program has no cloud environment (`wx.cloud` is never initialised), so the photo goes to the emulator's
 * storage the way wx-server-sdk's uploadFile puts one there: `storage.getUploadMetadata` at the gateway's
 * `/admin` (which answers the signed object URL and the file id), then a PUT of the bytes to that URL.
 */
import { afterSalePhotoFolder } from '@shared/client';
import { currentCloud, postLocal } from './cloud';

const EXTENSIONS = ['jpg', 'jpeg', 'png', 'webp', 'gif'];

/**
 * A fresh name for a photo, keeping its extension (`jpg` when the path has none we store): letters, digits
 * and `-`, as requestAfterSale's check wants.
 */
export function photoName(filePath: string, now = Date.now(), random = Math.random): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(filePath)?.[1]?.toLowerCase() ?? '';
  const salt = Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `${now.toString(36)}-${salt}.${EXTENSIONS.includes(extension) ? extension : 'jpg'}`;
}

/** Where a photo is stored: `after-sales/<openid>/<name>`. */
export const afterSalePhotoPath = (openid: string, name: string): string => `${afterSalePhotoFolder(openid)}${name}`;

interface UploadMetadata {
  readonly data?: { readonly url?: string; readonly authorization?: string; readonly fileId?: string };
  readonly message?: string;
}

function readBytes(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    wx.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(res.data as ArrayBuffer),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

function put(url: string, authorization: string, bytes: ArrayBuffer): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.request({
      url,
      method: 'PUT',
      header: { authorization, 'content-type': 'application/octet-stream' },
      data: bytes,
      success: (res) => (res.statusCode === 200 ? resolve() : reject(new Error(`storage answered ${res.statusCode}`))),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

/**
 * Uploads a photo the shopper chose (a temp file on the phone) to their after-sales folder; resolves to its
 * file id (`cloud://<env>.<bucket>/after-sales/<openid>/<name>`). Rejects when it could not be stored.
 */
export async function uploadAfterSalePhoto(filePath: string, openid: string, name = photoName(filePath)) {
  const cloudPath = afterSalePhotoPath(openid, name);
  const cloud = currentCloud();
  if (cloud.mode === 'cloud') {
    const { fileID } = await wx.cloud.uploadFile({ cloudPath, filePath });
    return fileID;
  }
  const metadata = (await postLocal(cloud.gatewayUrl, cloud.openid, '/admin', {
    action: 'storage.getUploadMetadata',
    path: cloudPath,
    method: 'put',
  })) as UploadMetadata;
  const { url, authorization, fileId } = metadata.data ?? {};
  if (!url || !authorization || !fileId) throw new Error(metadata.message ?? 'no upload metadata');
  await put(url, authorization, await readBytes(filePath));
  return fileId;
}
