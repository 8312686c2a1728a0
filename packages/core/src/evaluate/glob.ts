/** Shell-style glob: `*` matches any run of characters, `?` one character. Whole-string match. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** A matcher for a list of globs, compiled once. */
export function globMatcher(globs: readonly string[]): (value: string) => boolean {
  const patterns = globs.map(globToRegExp);
  return (value) => patterns.some((p) => p.test(value));
}
