/**
 * A content pack: the steps a participant works through, as data. The kiosk's step engine draws
 * each item by its type; scoring reads the keys. An organizer can load another pack (for
 * instance a licensed instrument) without a code change, so everything here is validated.
 */
import { z } from 'zod';

/** The five professional domains (Е. А. Климов's typology). */
export const Domain = z.enum(['nature', 'technic', 'human', 'sign', 'art']);
export type Domain = z.infer<typeof Domain>;

/** Points an answer gives to scales: { nature: 2, human: 1 }. */
export const Keys = z.partialRecord(Domain, z.number().min(-10).max(10));
export type Keys = z.infer<typeof Keys>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'id: lowercase latin, digits, _ and -');

const Option = z.object({ id: Id, text: z.string().min(1).max(400), keys: Keys.default({}) });

const base = { id: Id, prompt: z.string().min(1).max(2_000), required: z.boolean().default(true) };

export const Item = z.discriminatedUnion('type', [
  /** One option of several. */
  z.object({ ...base, type: z.literal('single'), options: z.array(Option).min(2).max(12) }),
  /** Several options, within [min, max]. */
  z.object({
    ...base,
    type: z.literal('multiple'),
    options: z.array(Option).min(2).max(30),
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1).optional(),
    /** The chosen options are the participant's own shortlist of professions, quoted in the result. */
    shortlist: z.boolean().default(false),
  }),
  /** Forced choice between two statements. */
  z.object({ ...base, type: z.literal('pairwise'), a: Option, b: Option }),
  /** Agreement on a scale of `points` (value 1..points); keys are weighted by (value - 1) / (points - 1). */
  z.object({
    ...base,
    type: z.literal('likert'),
    points: z.number().int().min(3).max(7).default(5),
    labels: z.tuple([z.string(), z.string()]).default(['Совсем не согласен', 'Полностью согласен']),
    keys: Keys,
  }),
  /** Free text; not scored unless `keys` is set (then any non-empty answer counts). */
  z.object({
    ...base,
    type: z.literal('text'),
    maxLength: z.number().int().min(1).max(5_000).default(1_000),
    keys: Keys.default({}),
  }),
  /** Information page: text, with an image or video shipped in the pack's assets. */
  z.object({
    id: Id,
    type: z.literal('info'),
    title: z.string().max(200).optional(),
    body: z.string().min(1).max(10_000),
    media: z
      .object({ kind: z.enum(['image', 'video']), src: z.string().regex(/^[\w./-]+$/), alt: z.string() })
      .optional(),
    required: z.literal(false).default(false),
  }),
]);
export type Item = z.infer<typeof Item>;
export type ItemType = Item['type'];

/** Rules across an item's fields that zod's per-field checks cannot state. */
function itemProblems(item: Item): string[] {
  const problems: string[] = [];
  if (item.type === 'single' || item.type === 'multiple') {
    const ids = item.options.map((o) => o.id);
    if (new Set(ids).size !== ids.length) problems.push('option ids must be unique');
  }
  if (item.type === 'multiple') {
    const max = item.max ?? item.options.length;
    if (max > item.options.length) problems.push(`max ${max} exceeds the ${item.options.length} options`);
    if (item.min > max) problems.push(`min ${item.min} exceeds max ${max}`);
  }
  if (item.type === 'pairwise' && item.a.id === item.b.id) problems.push('a and b need different ids');
  return problems;
}

export const Step = z.object({
  number: z.number().int().min(1),
  title: z.string().min(1).max(200),
  instructions: z.string().min(1).max(4_000),
  estimatedMinutes: z.number().int().min(1).max(60),
  /** A natural place to stop for the day (the second sitting starts after it). */
  breakAfter: z.boolean().default(false),
  items: z.array(Item).min(1),
});
export type Step = z.infer<typeof Step>;

export const ContentPack = z
  .object({
    id: Id,
    version: z.string().min(1).max(40),
    title: z.string().min(1),
    steps: z.array(Step).min(1).max(50),
  })
  .superRefine((pack, ctx) => {
    pack.steps.forEach((s, i) => {
      if (s.number !== i + 1) ctx.addIssue({ code: 'custom', message: `steps[${i}] must be number ${i + 1}` });
      const ids = new Set<string>();
      for (const item of s.items) {
        if (ids.has(item.id))
          ctx.addIssue({ code: 'custom', message: `step ${s.number}: duplicate item id ${item.id}` });
        ids.add(item.id);
        for (const message of itemProblems(item))
          ctx.addIssue({ code: 'custom', message: `step ${s.number}, ${item.id}: ${message}` });
      }
    });
  });
export type ContentPack = z.infer<typeof ContentPack>;
