/**
 * Parse each TrueType font once per process and share it between documents.
 *
 * jsPDF parses the TTF again for every document (about 5 ms for PT Sans) and re-encodes the
 * embedded subset at every save (about 15 ms, most of a document's cost). Its TTF parser,
 * `jsPDF.API.TTFFont`, is the only seam it offers, so this module wraps `TTFFont.open`: a
 * document registers a tiny marker file instead of the font, and the wrapper answers the marker
 * with a per-document view of the already parsed font. The view has its own used-glyph and
 * ToUnicode state (so documents never see each other's text) and a subset encoder that embeds
 * one fixed common glyph set (Latin, Cyrillic, punctuation) plus any extra glyphs, memoized by
 * that set: most documents then embed byte-identical font data that was encoded once.
 * Compressing that font program is the next largest cost, so its compressed form is memoized
 * too: jsPDF filters the font stream right after asking the subset encoder for it (see
 * identityHFunction), so the stream that comes right after an encode with the same length is those
 * bytes, and their filtered form is kept with them. Any other font or stream still
 * goes through jsPDF's own code unchanged.
 */
import { jsPDF } from 'jspdf';
import { documentMessages } from '../messages/documents.ts';
import { slimTrueType } from './ttf-slim.ts';

/** The parts of jsPDF's internal TTFFont that this relies on (checked by tests/unit/documents). */
interface TtfFont {
  characterToGlyph(code: number): number;
  subset: { encode(glyphIds: number[], indexToLocFormat: number): number[] };
  [field: string]: unknown;
}

interface TtfFontClass {
  open(file: Uint8Array): TtfFont;
}

type Filter = (data: string, filters: unknown) => unknown;

interface JsPdfApi {
  TTFFont: TtfFontClass;
  processDataByFilters: Filter;
}

const MARK = 'mb-font:';
const COMMON_TEXT =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~' +
  '«»—–…№°“”„’•·×ЁЙАБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяё';
const MAX_SUBSETS = 16;

const parsed: TtfFont[] = [];
const subsets: TtfFont['subset'][] = [];
const idByData = new Map<string, number>();
/** The font program the subset encoder just handed to jsPDF, about to be filtered. */
let justEncoded: number[] | undefined;
/** Filtered (compressed) font programs, by program and filter chain. */
const filtered = new WeakMap<number[], Map<string, unknown>>();
/** The font strings seen, compared by identity first: hashing a 370 KB string costs more than a document. */
const recent: [data: string, id: number][] = [];
let hooked = false;

const jsPdfApi = () => (jsPDF as unknown as { API: JsPdfApi }).API;

/** Keeps at most `max` entries, dropping the oldest. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V, max: number): V {
  if (cache.size >= max) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

function memoizedSubset(font: TtfFont): TtfFont['subset'] {
  const encoder = font.subset;
  const common = new Set<number>([0]);
  for (const ch of COMMON_TEXT) common.add(font.characterToGlyph(ch.charCodeAt(0)));
  const cache = new Map<string, number[]>();
  return {
    encode(glyphIds, indexToLocFormat) {
      const extra = [...new Set(glyphIds)].filter((id) => !common.has(id)).sort((a, b) => a - b);
      const key = `${indexToLocFormat}:${extra.join(',')}`;
      justEncoded =
        cache.get(key) ?? remember(cache, key, encoder.encode([...common, ...extra], indexToLocFormat), MAX_SUBSETS);
      return justEncoded;
    },
  };
}

function perDocument(id: number): TtfFont {
  const base = parsed[id]!;
  const view = Object.assign(Object.create(Object.getPrototypeOf(base) as object) as TtfFont, base);
  view['toUnicode'] = {};
  view['Unicode'] = { encoding: {}, kerning: {}, widths: [] };
  view.subset = subsets[id]!;
  return view;
}

function markedId(file: Uint8Array): number | undefined {
  if (file.length > 24) return undefined;
  const text = String.fromCharCode(...file);
  return text.startsWith(MARK) ? Number(text.slice(MARK.length)) : undefined;
}

function hook(): void {
  if (hooked) return;
  const api = jsPdfApi();
  const open = api.TTFFont.open;
  api.TTFFont.open = (file) => {
    const id = markedId(file);
    return id === undefined ? open(file) : perDocument(id);
  };
  const filter = api.processDataByFilters;
  api.processDataByFilters = (data, filters) => {
    const program = justEncoded;
    justEncoded = undefined;
    // (No look at the content: reading a string built byte by byte would flatten it, a copy per call.)
    if (!program || typeof data !== 'string' || data.length !== program.length) {
      return filter(data, filters);
    }
    let byChain = filtered.get(program);
    if (!byChain) filtered.set(program, (byChain = new Map()));
    const chain = String(filters);
    return byChain.get(chain) ?? remember(byChain, chain, filter(data, filters), 4);
  };
  hooked = true;
}

/**
 * The marker file content (base64, as jsPDF's virtual file system wants) standing for this font;
 * the font is decoded and parsed on the first call for the same data, never again.
 */
export function cachedFontFile(base64Ttf: string): string {
  hook();
  let id = recent.find(([data]) => data === base64Ttf)?.[1] ?? idByData.get(base64Ttf);
  if (id === undefined) {
    let font: TtfFont;
    try {
      font = jsPdfApi().TTFFont.open(slimTrueType(Uint8Array.from(atob(base64Ttf), (c) => c.charCodeAt(0))));
    } catch (cause) {
      throw new Error(documentMessages.fontBroken, { cause });
    }
    id = parsed.length;
    parsed.push(font);
    subsets.push(memoizedSubset(font));
    idByData.set(base64Ttf, id);
  }
  if (!recent.some(([data]) => data === base64Ttf)) recent.unshift([base64Ttf, id]);
  recent.length = Math.min(recent.length, 4);
  return btoa(`${MARK}${id}`);
}

/** How many fonts this process has parsed (for tests: registering again must not parse again). */
export function parsedFontCount(): number {
  return parsed.length;
}
