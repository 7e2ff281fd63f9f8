import { describe, expect, it } from 'vitest';
import { uuidv7, UUID_RE } from '../../../core/ids.ts';

describe('uuidv7', () => {
  it('is a version-7, RFC 4122 variant id whose first 48 bits are the time in ms', () => {
    const at = Date.UTC(2026, 10, 24, 9, 0, 0);
    const id = uuidv7(at + 10_000_000);
    expect(id).toMatch(UUID_RE);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at + 10_000_000);
  });

  it('keeps ids in creation order within one millisecond and when the clock steps back', () => {
    const at = Date.now() + 20_000_000;
    const ids = [uuidv7(at), ...Array.from({ length: 5000 }, () => uuidv7(at)), uuidv7(at - 60_000)];
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('does not repeat its random part across many ids', () => {
    const tails = new Set(Array.from({ length: 20_000 }, () => uuidv7().slice(19)));
    expect(tails.size).toBe(20_000);
  });
});
