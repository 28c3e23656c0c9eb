/**
 * Follows renames backwards through history, as `git log --follow` does: changes are fed newest
 * first, and a change to a path is filed under the path that file has at the newest commit (its
 * current path). A rename old → new seen at some commit sends every older change of `old` to
 * wherever `new` ended up.
 */
export function createLineage() {
  const aliases = new Map<string, string>();
  return {
    /** The current path of the file that a change to `path` (older than everything fed so far) touched. */
    resolve(path: string): string {
      return aliases.get(path) ?? path;
    },
    /** A rename old → new; returns the current path of the file. */
    rename(oldPath: string, newPath: string): string {
      const current = aliases.get(newPath) ?? newPath;
      if (oldPath !== current) aliases.set(oldPath, current);
      else aliases.delete(oldPath);
      return current;
    },
    /** Every path that now continues under another path: old path → current path. */
    renamed(): ReadonlyMap<string, string> {
      return aliases;
    },
  };
}
export type Lineage = ReturnType<typeof createLineage>;
