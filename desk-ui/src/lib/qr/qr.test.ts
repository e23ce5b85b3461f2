import { describe, expect, it } from 'vitest';
import {
  addErrorCorrection,
  alignmentPositions,
  dataCodewords,
  encodeData,
  encodeQr,
  fitVersion,
  formatBits,
  gfMultiply,
  qrPath,
  rawDataModules,
  rsGenerator,
  rsRemainder,
  versionBits,
} from './qr';

describe('QR encoder building blocks', () => {
  it('multiplies in GF(256) with 0x11d', () => {
    expect(gfMultiply(0x80, 0x02)).toBe(0x1d);
    expect(gfMultiply(0x53, 0x01)).toBe(0x53);
    expect(gfMultiply(0, 0xff)).toBe(0);
  });

  it('computes Reed–Solomon codewords (the standard worked example, 1-M "HELLO WORLD")', () => {
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17];
    expect(rsRemainder(data, rsGenerator(10))).toEqual([196, 35, 39, 119, 235, 215, 231, 226, 93, 23]);
  });

  it('produces the format information of the standard’s table', () => {
    expect(formatBits('M', 0)).toBe(0b101010000010010);
    expect(formatBits('L', 0)).toBe(0b111011111000100);
    expect(formatBits('L', 4)).toBe(0b110011000101111);
    expect(formatBits('Q', 0)).toBe(0b011010101011111);
    expect(formatBits('H', 0)).toBe(0b001011010001001);
  });

  it('produces the version information of the standard’s table', () => {
    expect(versionBits(7)).toBe(0b000111110010010100);
    expect(versionBits(10)).toBe(0b001010010011010011);
  });

  it('knows the sizes of versions 1–10', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => Math.floor(rawDataModules(v) / 8))).toEqual([
      26, 44, 70, 100, 134, 172, 196, 242, 292, 346,
    ]);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => dataCodewords(v, 'M'))).toEqual([
      16, 28, 44, 64, 86, 108, 124, 154, 182, 216,
    ]);
    expect(alignmentPositions(1)).toEqual([]);
    expect(alignmentPositions(2)).toEqual([6, 18]);
    expect(alignmentPositions(7)).toEqual([6, 22, 38]);
    expect(alignmentPositions(10)).toEqual([6, 28, 50]);
  });

  it('picks the smallest version with room for the bytes (byte-mode capacities)', () => {
    expect(fitVersion(14, 'M')).toBe(1);
    expect(fitVersion(15, 'M')).toBe(2);
    expect(fitVersion(84, 'M')).toBe(5);
    expect(fitVersion(85, 'M')).toBe(6);
    expect(fitVersion(17, 'L')).toBe(1);
    expect(fitVersion(213, 'M')).toBe(10);
    expect(fitVersion(214, 'M')).toBeNull();
  });

  it('pads the data with 0xEC 0x11', () => {
    const data = encodeData(new TextEncoder().encode('A'), 1, 'M');
    expect(data).toEqual([0x40, 0x14, 0x10, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec]);
    expect(addErrorCorrection(data, 1, 'M')).toHaveLength(26);
  });

  it('interleaves blocks of unequal length (5-Q: 2×15 + 2×16 data codewords)', () => {
    const data = Array.from({ length: dataCodewords(5, 'Q') }, (_, i) => i);
    const out = addErrorCorrection(data, 5, 'Q');
    expect(out).toHaveLength(134);
    // First column: the first codeword of each block; the 16th codeword only of the long blocks.
    expect(out.slice(0, 4)).toEqual([0, 15, 30, 46]);
    expect(out.slice(60, 62)).toEqual([45, 61]);
  });
});

describe('encodeQr', () => {
  const url = 'https://hall.example.edu/tickets/3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b';
  const qr = encodeQr(url);

  it('fits a ticket URL in a small version at level M', () => {
    expect(qr.ecl).toBe('M');
    expect(qr.version).toBe(5);
    expect(qr.size).toBe(37);
    expect(qr.modules).toHaveLength(37);
  });

  it('draws the finder patterns, timing patterns and the dark module', () => {
    const m = qr.modules;
    const corners: [number, number][] = [
      [0, 0],
      [qr.size - 7, 0],
      [0, qr.size - 7],
    ];
    for (const [x0, y0] of corners) {
      expect(m[y0]![x0]).toBe(true);
      expect(m[y0 + 1]![x0 + 1]).toBe(false);
      expect(m[y0 + 3]![x0 + 3]).toBe(true);
    }
    for (let i = 8; i < qr.size - 8; i++) {
      expect(m[6]![i]).toBe(i % 2 === 0);
      expect(m[i]![6]).toBe(i % 2 === 0);
    }
    expect(m[qr.size - 8]![8]).toBe(true);
  });

  it('writes both copies of the format information for the chosen mask', () => {
    const m = qr.modules;
    const bits = formatBits(qr.ecl, qr.mask);
    const read = (coords: [number, number][]) => coords.reduce((acc, [x, y], i) => acc | ((m[y]![x] ? 1 : 0) << i), 0);
    const first: [number, number][] = [
      [8, 0], [8, 1], [8, 2], [8, 3], [8, 4], [8, 5], [8, 7], [8, 8], [7, 8], [5, 8], [4, 8], [3, 8], [2, 8], [1, 8], [0, 8],
    ];
    const s = qr.size;
    const second: [number, number][] = [
      ...Array.from({ length: 8 }, (_, i): [number, number] => [s - 1 - i, 8]),
      ...Array.from({ length: 7 }, (_, i): [number, number] => [8, s - 7 + i]),
    ];
    expect(read(first)).toBe(bits);
    expect(read(second)).toBe(bits);
  });

  it('is deterministic and renders to a path', () => {
    expect(encodeQr(url)).toEqual(qr);
    expect(qrPath(qr)).toMatch(/^M4 4h7v1h-7z/);
  });

  it('refuses text that does not fit', () => {
    expect(() => encodeQr('x'.repeat(300))).toThrow(RangeError);
  });
});
