/**
 * Waiting for a started process to say it is ready. Tests wait on the process's own signal (a
 * line it prints); the limit is only there so a process that never gets ready fails the test
 * eventually, and it is generous: a slow CI machine is slower, not red.
 */
import type { ChildProcess } from 'node:child_process';

export const READY_LIMIT_MS = 120_000;

/** Resolves with the first match of `pattern` in what the child prints; rejects if it exits first. */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  what: string,
  limitMs = READY_LIMIT_MS,
): Promise<{ match: RegExpExecArray; output: () => string }> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`${what}: no «${pattern.source}» in ${limitMs} ms: ${output}`)),
      limitMs,
    );
    const read = (c: Buffer) => {
      output += c.toString();
      const match = pattern.exec(output);
      if (match) done(undefined, match);
    };
    const exited = (code: number | null) => done(new Error(`${what} exited with ${code}: ${output}`));
    function done(err?: Error, match?: RegExpExecArray) {
      clearTimeout(timer);
      child.stdout?.off('data', read);
      child.stderr?.off('data', read);
      child.off('close', exited);
      // Keep collecting what it prints after it is ready, for assertions on its later output.
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      if (err) reject(err);
      else resolve({ match: match!, output: () => output });
    }
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('close', exited);
  });
}
