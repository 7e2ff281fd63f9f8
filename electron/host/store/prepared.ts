/**
 * A Kysely query compiled once per store and then run with new arguments: the answer-save path
 * runs a handful of queries per keystroke-sized change, and building and compiling each one
 * anew cost more CPU than the write itself. The query is built once with marker arguments; each
 * marker's position in the compiled parameters says where the real argument goes. Only for
 * queries whose SQL does not depend on the arguments (no IN lists), taking them as plain values.
 */
import type SQLite from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import type { KioskStore } from './open.ts';
import type { KioskDB } from './schema.ts';

type Slot = { arg: number } | { value: unknown };
/** A compiled query: its statement, and its parameters from the arguments (null: the arguments as given). */
type Compiled = { store: KioskStore; st: SQLite.Statement; slots: Slot[] | null };

export class Prepared<A extends unknown[], R> {
  readonly #byStore = new WeakMap<KioskStore, Compiled>();
  /** The store of the last call: a kiosk has one, and a pull runs a statement per row. */
  #last: Compiled | undefined;

  constructor(
    private readonly arity: A['length'],
    private readonly build: (q: Kysely<KioskDB>, ...args: A) => Compilable<R>,
  ) {}

  #compiled(store: KioskStore): Compiled {
    if (this.#last?.store === store) return this.#last;
    let c = this.#byStore.get(store);
    if (!c) {
      const markers = Array.from({ length: this.arity }, (_, i) => `\u0000arg${i}\u0000`);
      const compiled = this.build(store.q, ...(markers as A)).compile();
      const slots = (compiled.parameters as unknown[]).map((p): Slot => {
        const i = typeof p === 'string' ? markers.indexOf(p) : -1;
        return i >= 0 ? { arg: i } : { value: p };
      });
      // Most queries take their arguments in order and nothing else: no mapping per call then.
      const inOrder = slots.length === this.arity && slots.every((s, i) => 'arg' in s && s.arg === i);
      c = { store, st: store.sqlite.prepare(compiled.sql), slots: inOrder ? null : slots };
      this.#byStore.set(store, c);
    }
    this.#last = c;
    return c;
  }

  #params(slots: Slot[] | null, args: A): unknown[] {
    if (!slots) return args;
    const out = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      out[i] = 'arg' in s ? args[s.arg] : s.value;
    }
    return out;
  }

  first(store: KioskStore, ...args: A): R | undefined {
    const { st, slots } = this.#compiled(store);
    return st.get(...this.#params(slots, args)) as R | undefined;
  }

  all(store: KioskStore, ...args: A): R[] {
    const { st, slots } = this.#compiled(store);
    return st.all(...this.#params(slots, args)) as R[];
  }

  run(store: KioskStore, ...args: A): SQLite.RunResult {
    const { st, slots } = this.#compiled(store);
    return st.run(...this.#params(slots, args));
  }
}
