import { describe, expect, it } from 'vitest';
import { pageOf, SERVICE_GAP_EM, SERVICE_TILE_EM, servicePageLayout } from './kiosk';

describe('the kiosk’s service pages', () => {
  it('fit the list area: one column on a phone, two portrait, three landscape, rows as the height allows', () => {
    expect(servicePageLayout(360, 520, 15)).toMatchObject({ cols: 1 });
    expect(servicePageLayout(1010, 1400, 22.6)).toMatchObject({ cols: 2 });
    expect(servicePageLayout(1300, 470, 20)).toMatchObject({ cols: 3 });
    for (const [w, h, em] of [
      [360, 520, 15],
      [1010, 1400, 22.6],
      [1300, 470, 20],
    ] as const) {
      const { rows } = servicePageLayout(w, h, em);
      // The rows fit, and one more would not.
      expect(rows * SERVICE_TILE_EM + (rows - 1) * SERVICE_GAP_EM).toBeLessThanOrEqual(h / em);
      expect((rows + 1) * SERVICE_TILE_EM + rows * SERVICE_GAP_EM).toBeGreaterThan(h / em);
    }
    expect(servicePageLayout(300, 10, 16)).toEqual({ cols: 1, rows: 1, size: 1 });
  });

  it('page through every item once, clamping a page that no longer exists', () => {
    const items = Array.from({ length: 14 }, (_, i) => i);
    const seen = [0, 1, 2].flatMap((p) => pageOf(items, 6, p).items);
    expect(seen).toEqual(items);
    expect(pageOf(items, 6, 0).pages).toBe(3);
    expect(pageOf(items, 6, 9)).toMatchObject({ page: 2, items: [12, 13] });
    expect(pageOf([], 6, 0)).toEqual({ items: [], page: 0, pages: 1 });
  });
});
