import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createLogParser, type ParsedChange, type ParsedCommit } from './parse-log.ts';

/** Writes commits the way `git log -z --numstat --format=<logFormat>` prints them. */
function render(commits: ParsedCommit[]): Buffer {
  const parts: Buffer[] = [];
  for (const commit of commits) {
    const fields = [
      commit.sha,
      commit.parents.join(' '),
      commit.authorName,
      commit.authorEmail,
      commit.rawAuthorName,
      commit.rawAuthorEmail,
      String(commit.authorTime),
      String(commit.commitTime),
      `${commit.message}\n`,
    ];
    parts.push(Buffer.from(`\x1e${fields.join('\x1f')}\x1f\0`));
    commit.changes.forEach((change, index) => {
      const counts = `${change.added ?? '-'}\t${change.deleted ?? '-'}\t`;
      const lead = index === 0 ? '\n' : '';
      parts.push(
        Buffer.from(
          change.oldPath === null
            ? `${lead}${counts}${change.path}\0`
            : `${lead}${counts}\0${change.oldPath}\0${change.path}\0`,
        ),
      );
    });
  }
  return Buffer.concat(parts);
}

function parseInChunks(bytes: Buffer, cuts: number[]): ParsedCommit[] {
  const commits: ParsedCommit[] = [];
  const parser = createLogParser((commit) => commits.push(commit));
  let start = 0;
  for (const cut of [...new Set(cuts.map((at) => at % (bytes.length + 1)))].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(start, cut));
    start = cut;
  }
  parser.push(bytes.subarray(start));
  parser.end();
  return commits;
}

const hex = fc.string({
  unit: fc.constantFrom(...'0123456789abcdef'),
  minLength: 40,
  maxLength: 40,
});
// Paths hold anything git allows but NUL: spaces, tabs, newlines, unicode, separators.
const path = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('a', 'b', '/', ' ', '\t', '\n', '.', 'é', '✓', '→', '\x1f', '-'),
      fc.string({ minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 40,
  })
  .filter((value) => !value.includes('\0') && value[0] !== '\x1e' && value !== '\n');
const count = fc.option(fc.nat({ max: 100_000 }), { nil: null, freq: 5 });
const change: fc.Arbitrary<ParsedChange> = fc
  .record({ path, oldPath: fc.option(path, { nil: null }), added: count })
  .map(({ path, oldPath, added }) => ({
    path,
    oldPath,
    added,
    deleted: added === null ? null : (added * 7) % 13,
  }));
const separators = ['\0', '\x1e', '\x1f'];
const name = fc
  .string({ maxLength: 20 })
  .filter((value) => !separators.some((separator) => value.includes(separator)));
const commit: fc.Arbitrary<ParsedCommit> = fc.record({
  sha: hex,
  parents: fc.array(hex, { maxLength: 3 }),
  authorName: name,
  authorEmail: name,
  rawAuthorName: name,
  rawAuthorEmail: name,
  authorTime: fc.integer({ min: -2_000_000_000, max: 4_000_000_000 }),
  commitTime: fc.integer({ min: 0, max: 4_000_000_000 }),
  // Messages may hold the separators too; only NUL cannot appear (git stops there).
  message: fc
    .string({ maxLength: 60 })
    .map((value) => value.replace(/\0/g, '').replace(/\n+$/, '')),
  changes: fc.array(change, { maxLength: 6 }),
});

describe('git log parser', () => {
  test('parses any log, split into chunks anywhere, back into the same commits', () => {
    fc.assert(
      fc.property(
        fc.array(commit, { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (commits, cuts) => {
          expect(parseInChunks(render(commits), cuts)).toEqual(commits);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('names that are not UTF-8 are read as Latin-1', () => {
    const header = Buffer.concat([
      Buffer.from(`\x1e${'a'.repeat(40)}\x1f\x1f`),
      Buffer.from('J\xfcrgen', 'latin1'),
      Buffer.from('\x1fj@x\x1fJ\x1fj@x\x1f1\x1f1\x1fmsg\n\x1f\0'),
    ]);
    expect(parseInChunks(header, [])[0]?.authorName).toBe('Jürgen');
  });

  test('a log cut inside a rename is an error, not a silent gap', () => {
    const parser = createLogParser(() => {});
    parser.push(
      Buffer.from(
        `\x1e${'a'.repeat(40)}\x1f\x1fA\x1fa\x1fA\x1fa\x1f1\x1f1\x1fm\x1f\0\n1\t2\t\0old`,
      ),
    );
    expect(() => parser.end()).toThrow('inside a rename');
  });
});
