/**
 * A small QR Code encoder (ISO/IEC 18004): byte mode, versions 1–10, any error-correction level,
 * mask chosen by the standard's penalty rules. Pure functions, no DOM, no network: the kiosk draws
 * the code on its ticket slip from `encodeQr(url)`.
 *
 * Layout of the work: the text becomes one byte-mode segment, padded to the version's data capacity;
 * the data is split into blocks, each block gets its Reed–Solomon error-correction codewords over
 * GF(256) (polynomial x⁸+x⁴+x³+x²+1, 0x11d), the blocks are interleaved and laid out in the zigzag
 * order around the function patterns (finders, timing, alignment, format and version information).
 */

export type ErrorCorrection = 'L' | 'M' | 'Q' | 'H';

export interface QrCode {
  version: number;
  /** Modules per side: 17 + 4 × version. */
  size: number;
  ecl: ErrorCorrection;
  /** The mask pattern applied (0–7). */
  mask: number;
  /** `modules[y][x]`, true for a dark module; row y from the top, column x from the left. */
  modules: boolean[][];
}

export interface QrOptions {
  /** Error-correction level; M (about 15 % of the code may be damaged) unless told. */
  ecl?: ErrorCorrection;
  /** Use this version or a larger one (1–10). */
  minVersion?: number;
  /** Force a mask (0–7) instead of choosing the one with the lowest penalty. */
  mask?: number;
}

export const MAX_VERSION = 10;

/** The two bits of each level in the format information. */
const ECL_FORMAT_BITS: Record<ErrorCorrection, number> = { L: 1, M: 0, Q: 3, H: 2 };

// Per version 1–10 (index 0 unused), from the standard's table 9.
const ECC_CODEWORDS_PER_BLOCK: Record<ErrorCorrection, readonly number[]> = {
  L: [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18],
  M: [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26],
  Q: [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24],
  H: [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28],
};
const ERROR_CORRECTION_BLOCKS: Record<ErrorCorrection, readonly number[]> = {
  L: [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4],
  M: [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5],
  Q: [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8],
  H: [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8],
};

const at = (list: readonly number[], i: number): number => {
  const v = list[i];
  if (v === undefined) throw new RangeError(`index ${i} out of range`);
  return v;
};

/** Modules available for data and error correction (everything but the function patterns), in bits. */
export function rawDataModules(version: number): number {
  let result = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const numAlign = Math.floor(version / 7) + 2;
    result -= (25 * numAlign - 10) * numAlign - 55;
    if (version >= 7) result -= 36;
  }
  return result;
}

/** Data codewords (bytes) a version holds at a level, after the error correction. */
export function dataCodewords(version: number, ecl: ErrorCorrection): number {
  return (
    Math.floor(rawDataModules(version) / 8) -
    at(ECC_CODEWORDS_PER_BLOCK[ecl], version) * at(ERROR_CORRECTION_BLOCKS[ecl], version)
  );
}

/** Centre coordinates of the alignment patterns along one axis. */
export function alignmentPositions(version: number): number[] {
  if (version === 1) return [];
  const numAlign = Math.floor(version / 7) + 2;
  const size = version * 4 + 17;
  const step = Math.ceil((version * 4 + 4) / (numAlign * 2 - 2)) * 2;
  const result = [6];
  for (let pos = size - 7; result.length < numAlign; pos -= step) result.splice(1, 0, pos);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Reed–Solomon over GF(2⁸) with the QR polynomial 0x11d.

/** Product of two field elements. */
export function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z & 0xff;
}

/**
 * The generator polynomial ∏(x − αⁱ) for i = 0 … degree−1, α = 2, leading coefficient (always 1)
 * dropped, highest power first.
 */
export function rsGenerator(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1; // the polynomial "1"
  let root = 1;
  for (let i = 0; i < degree; i++) {
    // Multiply the current product by (x − root).
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(at(result, j), root);
      if (j + 1 < degree) result[j] = at(result, j) ^ at(result, j + 1);
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

/** The error-correction codewords of `data`: the remainder of data·x^degree divided by the generator. */
export function rsRemainder(data: readonly number[], generator: readonly number[]): number[] {
  const result = new Array<number>(generator.length).fill(0);
  for (const b of data) {
    const factor = b ^ (result.shift() ?? 0);
    result.push(0);
    for (let i = 0; i < result.length; i++) result[i] = at(result, i) ^ gfMultiply(at(generator, i), factor);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Format and version information (BCH codes).

/** The 15 format bits for a level and mask: 5 data bits, 10 BCH(15,5) bits, XOR 0x5412. */
export function formatBits(ecl: ErrorCorrection, mask: number): number {
  const data = (ECL_FORMAT_BITS[ecl] << 3) | mask;
  let rem = data;
  for (let i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  return ((data << 10) | (rem & 0x3ff)) ^ 0x5412;
}

/** The 18 version bits (versions 7 and up): 6 data bits, 12 BCH(18,6) bits. */
export function versionBits(version: number): number {
  let rem = version;
  for (let i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >>> 11) * 0x1f25);
  return (version << 12) | (rem & 0xfff);
}

const bit = (value: number, i: number): boolean => ((value >>> i) & 1) !== 0;

// ---------------------------------------------------------------------------------------------
// Data: one byte-mode segment, terminated and padded, split into blocks, interleaved.

/** The data codewords for `bytes` at a version and level: mode, count, bytes, terminator, padding. */
export function encodeData(bytes: Uint8Array, version: number, ecl: ErrorCorrection): number[] {
  const capacityBits = dataCodewords(version, ecl) * 8;
  const bits: number[] = [];
  const append = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
  };
  append(0b0100, 4); // byte mode
  append(bytes.length, version <= 9 ? 8 : 16);
  for (const b of bytes) append(b, 8);
  if (bits.length > capacityBits) throw new RangeError('data too long for this version');
  append(0, Math.min(4, capacityBits - bits.length)); // terminator
  append(0, (8 - (bits.length % 8)) % 8); // to a byte boundary
  for (let pad = 0xec; bits.length < capacityBits; pad ^= 0xec ^ 0x11) append(pad, 8);
  const codewords: number[] = [];
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | at(bits, i + j);
    codewords.push(byte);
  }
  return codewords;
}

/** Splits the data into blocks, appends each block's error correction and interleaves them. */
export function addErrorCorrection(data: readonly number[], version: number, ecl: ErrorCorrection): number[] {
  const numBlocks = at(ERROR_CORRECTION_BLOCKS[ecl], version);
  const blockEccLen = at(ECC_CODEWORDS_PER_BLOCK[ecl], version);
  const rawCodewords = Math.floor(rawDataModules(version) / 8);
  const numShortBlocks = numBlocks - (rawCodewords % numBlocks);
  const shortBlockLen = Math.floor(rawCodewords / numBlocks);
  const generator = rsGenerator(blockEccLen);

  const blocks: number[][] = [];
  for (let i = 0, k = 0; i < numBlocks; i++) {
    const dat = data.slice(k, k + shortBlockLen - blockEccLen + (i < numShortBlocks ? 0 : 1));
    k += dat.length;
    const ecc = rsRemainder(dat, generator);
    if (i < numShortBlocks) dat.push(0); // placeholder, skipped when interleaving
    blocks.push([...dat, ...ecc]);
  }

  const result: number[] = [];
  const blockLen = blocks[0]?.length ?? 0;
  for (let i = 0; i < blockLen; i++) {
    blocks.forEach((block, j) => {
      if (i !== shortBlockLen - blockEccLen || j >= numShortBlocks) result.push(at(block, i));
    });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The matrix.

class Matrix {
  readonly modules: boolean[][];
  readonly isFunction: boolean[][];

  constructor(readonly size: number) {
    this.modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    this.isFunction = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  }

  get(x: number, y: number): boolean {
    return this.modules[y]?.[x] ?? false;
  }

  setFunction(x: number, y: number, dark: boolean): void {
    const row = this.modules[y];
    const frow = this.isFunction[y];
    if (!row || !frow || x < 0 || x >= this.size) return;
    row[x] = dark;
    frow[x] = true;
  }
}

function drawFunctionPatterns(m: Matrix, version: number): void {
  const size = m.size;
  // Timing patterns.
  for (let i = 0; i < size; i++) {
    m.setFunction(6, i, i % 2 === 0);
    m.setFunction(i, 6, i % 2 === 0);
  }
  // Finder patterns with their separators (drawn over the timing patterns' ends).
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        m.setFunction(cx + dx, cy + dy, dist !== 2 && dist !== 4);
      }
    }
  }
  // Alignment patterns, except where they would overlap the finders.
  const positions = alignmentPositions(version);
  const last = positions.length - 1;
  positions.forEach((cy, i) => {
    positions.forEach((cx, j) => {
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) m.setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
      }
    });
  });
  // Reserve the format areas (real bits drawn once the mask is known) and draw the version.
  drawFormat(m, 0);
  if (version >= 7) {
    const bits = versionBits(version);
    for (let i = 0; i < 18; i++) {
      const a = size - 11 + (i % 3);
      const b = Math.floor(i / 3);
      m.setFunction(a, b, bit(bits, i));
      m.setFunction(b, a, bit(bits, i));
    }
  }
}

/** Draws both copies of the 15 format bits, and the dark module. */
function drawFormat(m: Matrix, bits: number): void {
  const size = m.size;
  // Around the top-left finder.
  for (let i = 0; i <= 5; i++) m.setFunction(8, i, bit(bits, i));
  m.setFunction(8, 7, bit(bits, 6));
  m.setFunction(8, 8, bit(bits, 7));
  m.setFunction(7, 8, bit(bits, 8));
  for (let i = 9; i < 15; i++) m.setFunction(14 - i, 8, bit(bits, i));
  // Split between the top-right and bottom-left finders.
  for (let i = 0; i < 8; i++) m.setFunction(size - 1 - i, 8, bit(bits, i));
  for (let i = 8; i < 15; i++) m.setFunction(8, size - 15 + i, bit(bits, i));
  m.setFunction(8, size - 8, true); // the dark module
}

/** Lays the codewords out in the zigzag order: two-module columns from the right, up then down. */
function drawCodewords(m: Matrix, codewords: readonly number[]): void {
  const size = m.size;
  const totalBits = codewords.length * 8;
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5; // skip the vertical timing pattern
    for (let vert = 0; vert < size; vert++) {
      for (let j = 0; j < 2; j++) {
        const x = right - j;
        const upward = ((right + 1) & 2) === 0;
        const y = upward ? size - 1 - vert : vert;
        if (m.isFunction[y]?.[x] || i >= totalBits) continue;
        const row = m.modules[y];
        if (row) row[x] = bit(at(codewords, i >>> 3), 7 - (i & 7));
        i++;
      }
    }
  }
  // Any remainder bits stay light (0), as the standard asks.
}

/** Whether mask `mask` flips the module at column x, row y. */
export function maskHits(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0;
    case 1:
      return y % 2 === 0;
    case 2:
      return x % 3 === 0;
    case 3:
      return (x + y) % 3 === 0;
    case 4:
      return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0;
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0;
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0;
    case 7:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0;
    default:
      throw new RangeError(`no mask ${mask}`);
  }
}

/** XORs a mask over the data modules (applying it twice undoes it). */
function applyMask(m: Matrix, mask: number): void {
  for (let y = 0; y < m.size; y++) {
    const row = m.modules[y]!;
    const frow = m.isFunction[y]!;
    for (let x = 0; x < m.size; x++) {
      if (!frow[x] && maskHits(mask, x, y)) row[x] = !row[x];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Mask penalty (the standard's four rules; the lowest total wins).

const FINDER_LIKE = [
  [true, false, true, true, true, false, true, false, false, false, false],
  [false, false, false, false, true, false, true, true, true, false, true],
] as const;

function linePenalty(line: readonly boolean[]): number {
  let penalty = 0;
  // Rule 1: runs of five or more modules of one colour: 3 + (run − 5).
  let runColor = line[0];
  let run = 0;
  for (const dark of line) {
    if (dark === runColor) run++;
    else {
      if (run >= 5) penalty += 3 + run - 5;
      runColor = dark;
      run = 1;
    }
  }
  if (run >= 5) penalty += 3 + run - 5;
  // Rule 3: 1:1:3:1:1 finder-like patterns with four light modules on one side: 40 each. The quiet
  // zone around the symbol counts as light.
  const n = line.length;
  const padded = [false, false, false, false, ...line, false, false, false, false];
  for (let start = 0; start + 11 <= n + 8; start++) {
    for (const pattern of FINDER_LIKE) {
      if (pattern.every((v, k) => padded[start + k] === v)) penalty += 40;
    }
  }
  return penalty;
}

export function penaltyScore(modules: readonly (readonly boolean[])[]): number {
  const size = modules.length;
  let penalty = 0;
  let dark = 0;
  for (let y = 0; y < size; y++) {
    const row = modules[y]!;
    penalty += linePenalty(row);
    penalty += linePenalty(modules.map((r) => r[y]!));
    for (let x = 0; x < size; x++) {
      if (row[x]) dark++;
      // Rule 2: each 2×2 block of one colour: 3.
      if (y + 1 < size && x + 1 < size) {
        const c = row[x];
        if (c === row[x + 1] && c === modules[y + 1]![x] && c === modules[y + 1]![x + 1]) penalty += 3;
      }
    }
  }
  // Rule 4: 10 for every full 5 % the dark share strays from 50 %.
  const total = size * size;
  const k = Math.floor(Math.abs((dark * 100) / total - 50) / 5);
  penalty += k * 10;
  return penalty;
}

// ---------------------------------------------------------------------------------------------

/** The smallest version (1–10) that holds `byteLength` bytes at the level, or null. */
export function fitVersion(byteLength: number, ecl: ErrorCorrection, minVersion = 1): number | null {
  for (let v = Math.max(1, minVersion); v <= MAX_VERSION; v++) {
    const headerBits = 4 + (v <= 9 ? 8 : 16);
    if (headerBits + byteLength * 8 <= dataCodewords(v, ecl) * 8) return v;
  }
  return null;
}

/** Encodes text (as UTF-8 bytes) into a QR Code symbol. Throws a RangeError when it does not fit version 10. */
export function encodeQr(text: string, options: QrOptions = {}): QrCode {
  const ecl = options.ecl ?? 'M';
  const bytes = new TextEncoder().encode(text);
  const version = fitVersion(bytes.length, ecl, options.minVersion);
  if (version === null) throw new RangeError(`${bytes.length} bytes do not fit a version ${MAX_VERSION} QR code at level ${ecl}`);

  const codewords = addErrorCorrection(encodeData(bytes, version, ecl), version, ecl);
  const m = new Matrix(version * 4 + 17);
  drawFunctionPatterns(m, version);
  drawCodewords(m, codewords);

  let mask = options.mask ?? -1;
  if (mask < 0) {
    let best = Infinity;
    for (let candidate = 0; candidate < 8; candidate++) {
      applyMask(m, candidate);
      drawFormat(m, formatBits(ecl, candidate));
      const score = penaltyScore(m.modules);
      if (score < best) {
        best = score;
        mask = candidate;
      }
      applyMask(m, candidate); // undo
    }
  }
  applyMask(m, mask);
  drawFormat(m, formatBits(ecl, mask));
  return { version, size: m.size, ecl, mask, modules: m.modules };
}

// ---------------------------------------------------------------------------------------------
// Rendering.

/**
 * SVG path data for the dark modules, one unit per module, offset by the quiet zone (`border`).
 * Runs of dark modules in a row become one rectangle, which keeps the path short.
 */
export function qrPath(qr: QrCode, border = 4): string {
  const parts: string[] = [];
  qr.modules.forEach((row, y) => {
    let x = 0;
    while (x < qr.size) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < qr.size && row[x]) x++;
      parts.push(`M${start + border} ${y + border}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

/** A standalone SVG document of the symbol with a white quiet zone of `border` modules. */
export function qrSvg(qr: QrCode, border = 4): string {
  const dim = qr.size + border * 2;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${dim} ${dim}" shape-rendering="crispEdges">` +
    `<rect width="${dim}" height="${dim}" fill="#fff"/><path d="${qrPath(qr, border)}" fill="#000"/></svg>`
  );
}

/** The symbol as a `data:` URL (allowed by the CSP's img-src), for an <img>. */
export function qrDataUrl(qr: QrCode, border = 4): string {
  return `data:image/svg+xml,${encodeURIComponent(qrSvg(qr, border))}`;
}
