/**
 * A lighter copy of a TrueType font for embedding, made once per process.
 *
 * About 70 % of PT Sans's glyph data is hinting instructions, and jsPDF's subsetter drops the
 * tables the instructions need (fpgm, prep, cvt), so embedded they only cost bytes and time.
 * This removes the instructions from every glyph, drops the hinting and layout tables jsPDF never
 * reads, and keeps the outlines, metrics, cmap and the name table (with the font's copyright and
 * licence) exactly as they are. Every glyph stays, so coverage is unchanged.
 */
const DROP = new Set(['fpgm', 'prep', 'cvt ', 'hdmx', 'gasp', 'LTSH', 'VDMX', 'GPOS', 'GSUB', 'GDEF', 'DSIG']);

interface Table {
  tag: string;
  data: Uint8Array;
}

const pad4 = (n: number) => (n + 3) & ~3;

function readTables(font: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < view.getUint16(4); i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(...font.subarray(rec, rec + 4));
    tables.set(tag, font.subarray(view.getUint32(rec + 8), view.getUint32(rec + 8) + view.getUint32(rec + 12)));
  }
  return tables;
}

/** The glyph without its instructions (simple and composite glyphs alike). */
function stripGlyph(glyph: Uint8Array): Uint8Array {
  if (glyph.length === 0) return glyph;
  const v = new DataView(glyph.buffer, glyph.byteOffset, glyph.byteLength);
  const contours = v.getInt16(0);
  if (contours >= 0) {
    const at = 10 + 2 * contours;
    const skip = v.getUint16(at);
    const out = new Uint8Array(glyph.length - skip);
    out.set(glyph.subarray(0, at));
    out.set(glyph.subarray(at + 2 + skip), at + 2); // the length field stays, now zero
    return out;
  }
  const out = glyph.slice();
  const o = new DataView(out.buffer);
  let at = 10;
  for (;;) {
    const flags = o.getUint16(at);
    o.setUint16(at, flags & ~0x0100); // WE_HAVE_INSTRUCTIONS
    at += 4 + (flags & 0x0001 ? 4 : 2); // flags, glyph index, then word or byte arguments
    at += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0; // the transform
    if (!(flags & 0x0020)) return out.subarray(0, at); // MORE_COMPONENTS
  }
}

function slimGlyphs(tables: Map<string, Uint8Array>): { glyf: Uint8Array; loca: Uint8Array } {
  const head = tables.get('head')!;
  const short = new DataView(head.buffer, head.byteOffset).getInt16(50) === 0;
  const locaIn = tables.get('loca')!;
  const lv = new DataView(locaIn.buffer, locaIn.byteOffset, locaIn.byteLength);
  const count = locaIn.length / (short ? 2 : 4) - 1;
  const offset = (i: number) => (short ? 2 * lv.getUint16(2 * i) : lv.getUint32(4 * i));
  const glyfIn = tables.get('glyf')!;
  const glyphs: Uint8Array[] = [];
  for (let i = 0; i < count; i++) glyphs.push(stripGlyph(glyfIn.subarray(offset(i), offset(i + 1))));
  const glyf = new Uint8Array(glyphs.reduce((n, g) => n + pad4(g.length), 0));
  const loca = new Uint8Array(4 * (count + 1));
  const locaView = new DataView(loca.buffer);
  let at = 0;
  glyphs.forEach((g, i) => {
    locaView.setUint32(4 * i, at);
    glyf.set(g, at);
    at += pad4(g.length);
  });
  locaView.setUint32(4 * count, at);
  return { glyf, loca };
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array(pad4(data.length));
  padded.set(data);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function writeFont(tables: Table[]): Uint8Array {
  tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const n = tables.length;
  const pow = 2 ** Math.floor(Math.log2(n));
  let size = 12 + 16 * n;
  for (const t of tables) size += pad4(t.data.length);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  let at = 12 + 16 * n;
  let headAt = 0;
  tables.forEach((t, i) => {
    const rec = 12 + 16 * i;
    for (let c = 0; c < 4; c++) out[rec + c] = t.tag.charCodeAt(c);
    v.setUint32(rec + 4, checksum(t.data));
    v.setUint32(rec + 8, at);
    v.setUint32(rec + 12, t.data.length);
    out.set(t.data, at);
    if (t.tag === 'head') headAt = at;
    at += pad4(t.data.length);
  });
  v.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}

export function slimTrueType(font: Uint8Array): Uint8Array {
  const tables = readTables(font);
  const { glyf, loca } = slimGlyphs(tables);
  const head = tables.get('head')!.slice();
  new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment, recomputed over the new font
  new DataView(head.buffer).setInt16(50, 1); // long loca offsets
  const maxp = tables.get('maxp')!.slice();
  if (maxp.length >= 28) new DataView(maxp.buffer).setUint16(26, 0); // maxSizeOfInstructions
  const post = tables.get('post')!.slice(0, 32); // format 3: no glyph names, which a PDF never uses
  new DataView(post.buffer).setUint32(0, 0x00030000);
  const replaced: Record<string, Uint8Array> = { glyf, loca, head, maxp, post };
  const kept: Table[] = [];
  for (const [tag, data] of tables) if (!DROP.has(tag)) kept.push({ tag, data: replaced[tag] ?? data });
  return writeFont(kept);
}
