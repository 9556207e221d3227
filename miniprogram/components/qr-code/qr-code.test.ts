// @vitest-environment jsdom
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { render } from '../../testing/render-component';
import { QUIET_MODULES, qrModules, qrView, runsOf } from './view';

/** The code as a scanner sees it: `scale` pixels per module, the quiet zone around, decoded by jsQR. */
function scan(modules: readonly (readonly boolean[])[], scale = 4): string | undefined {
  const side = (modules.length + 2 * QUIET_MODULES) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let y = 0; y < scale; y++)
        for (let x = 0; x < scale; x++) {
          const at = (((r + QUIET_MODULES) * scale + y) * side + (c + QUIET_MODULES) * scale + x) * 4;
          pixels.fill(0, at, at + 3);
        }
    }),
  );
  return jsQR(pixels, side, side)?.data;
}

describe('qr-code', () => {
  it('encodes a six-digit pickup code as a version 1 code that scans back to the code', () => {
    const modules = qrModules('042917');
    expect(modules).toHaveLength(21);
    expect(scan(modules)).toBe('042917');
  });

  it('merges a row into runs of one colour, as wide as their modules', () => {
    expect(runsOf([true, true, false, true], 6)).toEqual([
      { dark: true, width: 12 },
      { dark: false, width: 6 },
      { dark: true, width: 6 },
    ]);
    const view = qrView('042917', 6);
    expect(view).toMatchObject({ unit: 6, margin: 24, side: 21 * 6 + 48 });
    for (const row of view.rows) expect(row.runs.reduce((sum, run) => sum + run.width, 0)).toBe(21 * 6);
    expect(qrView('', 6).rows).toEqual([]);
  });

  it('renders views that scan back to the code', async () => {
    const qr = await render('qr-code', { text: '731058', cell: 5 });
    const rows = qr.querySelectorAll('.qr__row');
    expect(rows).toHaveLength(21);
    const modules = rows.map((row) =>
      Array.from(row.dom.children).flatMap((run) => {
        const width = Number(/width:\s*(\d+)px/.exec(run.getAttribute('style') ?? '')?.[1]);
        return Array<boolean>(width / 5).fill(/qr__run--dark/.test(run.className));
      }),
    );
    expect(modules.every((row) => row.length === 21)).toBe(true);
    expect(scan(modules)).toBe('731058');
  });

  it('draws nothing without text', async () => {
    const qr = await render('qr-code', {});
    expect(qr.querySelectorAll('.qr__row')).toHaveLength(0);
  });
});
