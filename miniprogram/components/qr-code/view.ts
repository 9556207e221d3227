/**
 * What a QR code shows: its modules (dark or light squares) as rows of runs, each run one `<view>` as wide
 * as its modules, so a 6-digit pickup code (QR version 1, 21 × 21 modules) is about 250 views rather than
 * 441, and no canvas. Encoded by `qrcode-generator` (pure JavaScript, no eval).
 */
import qrcode from 'qrcode-generator';

/** A run of modules of one colour in a row, `width` px wide. */
export interface QrRun {
  readonly dark: boolean;
  readonly width: number;
}

export interface QrView {
  /** One module's side in px (a row's height); not `cell`, which would wake the observer again. */
  readonly unit: number;
  /** The whole code's side in px, its quiet zone included. */
  readonly side: number;
  /** The quiet zone around it (4 modules, as the standard asks), in px. */
  readonly margin: number;
  readonly rows: { readonly runs: QrRun[] }[];
}

/** The quiet zone the QR standard asks for around a code, in modules. */
export const QUIET_MODULES = 4;

/** The modules of `text` encoded at error correction level M (digits only in numeric mode): row-major, true dark. */
export function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, /^\d+$/.test(text) ? 'Numeric' : 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  return Array.from({ length: count }, (_, row) => Array.from({ length: count }, (_, col) => qr.isDark(row, col)));
}

/** Consecutive modules of one colour merged, each `modulePx` px wide. */
export function runsOf(row: readonly boolean[], modulePx: number): QrRun[] {
  const runs: QrRun[] = [];
  for (const dark of row) {
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) runs[runs.length - 1] = { dark, width: last.width + modulePx };
    else runs.push({ dark, width: modulePx });
  }
  return runs;
}

/** The code for `text` with modules of `modulePx` px (whole pixels, so no seam shows between runs); none for ''. */
export function qrView(text: string, modulePx: number): QrView {
  if (text === '') return { unit: modulePx, side: 0, margin: 0, rows: [] };
  const modules = qrModules(text);
  const margin = QUIET_MODULES * modulePx;
  return {
    unit: modulePx,
    side: modules.length * modulePx + 2 * margin,
    margin,
    rows: modules.map((row) => ({ runs: runsOf(row, modulePx) })),
  };
}
