/** Command-line arguments: `command positional… --option value` or `--option=value`. */
export interface Args {
  command: string | undefined;
  positional: string[];
  options: Map<string, string>;
}

export function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') {
      options.set('help', 'true');
    } else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) options.set(a.slice(2), argv[++i]!);
      else options.set(a.slice(2), 'true');
    } else positional.push(a);
  }
  return { command: positional.shift(), positional, options };
}
