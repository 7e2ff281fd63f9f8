/** Recognises a unique-index violation on one column, on SQLite and PostgreSQL alike. */
export function isUniqueViolation(err: unknown, column: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  // PostgreSQL: SQLSTATE 23505, constraint named <table>_<column>_key by default.
  if (e.code === '23505') return typeof e.constraint === 'string' && e.constraint.includes(column);
  // better-sqlite3: "UNIQUE constraint failed: tariffs.code".
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(`.${column}`);
}
