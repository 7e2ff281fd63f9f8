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

export class Prepared<A extends unknown[], R> {
  readonly #byStore = new WeakMap<KioskStore, { st: SQLite.Statement; slots: Slot[] }>();

  constructor(
    private readonly arity: A['length'],
    private readonly build: (q: Kysely<KioskDB>, ...args: A) => Compilable<R>,
  ) {}

  #compiled(store: KioskStore) {
    let c = this.#byStore.get(store);
    if (!c) {
      const markers = Array.from({ length: this.arity }, (_, i) => `\u0000arg${i}\u0000`);
      const compiled = this.build(store.q, ...(markers as A)).compile();
      const slots = (compiled.parameters as unknown[]).map((p): Slot => {
        const i = typeof p === 'string' ? markers.indexOf(p) : -1;
        return i >= 0 ? { arg: i } : { value: p };
      });
      c = { st: store.sqlite.prepare(compiled.sql), slots };
      this.#byStore.set(store, c);
    }
    return c;
  }

  #params(slots: Slot[], args: A): unknown[] {
    return slots.map((s) => ('arg' in s ? args[s.arg] : s.value));
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
