import { isUtf8 } from 'node:buffer';

/**
 * Parses the byte stream of `git log -z --numstat --format=<logFormat>`. Each commit starts with
 * RS (0x1e) and a header whose fields are separated by US (0x1f); the header ends with NUL; then come
 * numstat entries, each ended by NUL: `added TAB deleted TAB path` or, for a rename,
 * `added TAB deleted TAB` NUL old-path NUL new-path. Binary changes print `-` for both counts.
 */

export const logFormat = '%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%an%x1f%ae%x1f%at%x1f%ct%x1f%B%x1f';
const headerFields = 9;

export type ParsedChange = {
  path: string;
  oldPath: string | null;
  /** null for a binary change */
  added: number | null;
  deleted: number | null;
};

export type ParsedCommit = {
  sha: string;
  parents: string[];
  /** After .mailmap */
  authorName: string;
  authorEmail: string;
  /** As recorded in the commit */
  rawAuthorName: string;
  rawAuthorEmail: string;
  /** Unix seconds */
  authorTime: number;
  commitTime: number;
  message: string;
  changes: ParsedChange[];
};

const RS = 0x1e;
const US = 0x1f;
const NUL = 0;
const headerStart = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Bytes as text: UTF-8 when they are valid UTF-8, else Latin-1 (old commits in legacy encodings). */
export function decodeBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buffer) ? buffer.toString('utf8') : buffer.toString('latin1');
}

export class LogParseError extends Error {}

/** A push parser: feed it chunks in order, then call end(); commits come out through onCommit. */
export function createLogParser(onCommit: (commit: ParsedCommit) => void) {
  let pending: Buffer | undefined;
  let current: ParsedCommit | undefined;
  let renameCounts: { added: number | null; deleted: number | null } | undefined;
  let renameOld: string | undefined;

  function flush() {
    if (current) onCommit(current);
    current = undefined;
  }

  function header(token: Buffer) {
    flush();
    const fields: Buffer[] = [];
    let start = 1;
    for (let i = 0; i < headerFields - 1; i++) {
      const end = token.indexOf(US, start);
      if (end < 0) throw new LogParseError('a commit header has too few fields');
      fields.push(token.subarray(start, end));
      start = end + 1;
    }
    // The message is the rest, less the closing US.
    const messageEnd = token[token.length - 1] === US ? token.length - 1 : token.length;
    fields.push(token.subarray(start, messageEnd));
    const text = (index: number) => decodeBytes(fields[index] as Buffer);
    const parents = text(1);
    const authorTime = Number(text(6));
    const commitTime = Number(text(7));
    if (!Number.isInteger(authorTime) || !Number.isInteger(commitTime)) {
      throw new LogParseError(
        `commit ${text(0)}: its header does not parse (a separator in a name?)`,
      );
    }
    current = {
      sha: text(0),
      parents: parents === '' ? [] : parents.split(' '),
      authorName: text(2),
      authorEmail: text(3),
      rawAuthorName: text(4),
      rawAuthorEmail: text(5),
      authorTime,
      commitTime,
      message: text(8).replace(/\n+$/, ''),
      changes: [],
    };
  }

  function isHeader(token: Buffer): boolean {
    if (token[0] !== RS) return false;
    const end = token.indexOf(US, 1);
    return end > 0 && headerStart.test(token.toString('latin1', 1, end));
  }

  function counts(text: string): number | null {
    if (text === '-') return null;
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0)
      throw new LogParseError(`bad numstat count '${text}'`);
    return value;
  }

  function entry(token: Buffer) {
    if (!current) throw new LogParseError('numstat output before any commit header');
    let start = 0;
    if (token[0] === 0x0a) start = 1; // the newline between a header and its first entry
    const firstTab = token.indexOf(0x09, start);
    const secondTab = firstTab < 0 ? -1 : token.indexOf(0x09, firstTab + 1);
    if (secondTab < 0) throw new LogParseError('a numstat entry without counts');
    const added = counts(token.toString('latin1', start, firstTab));
    const deleted = counts(token.toString('latin1', firstTab + 1, secondTab));
    if (secondTab === token.length - 1) {
      renameCounts = { added, deleted };
      return;
    }
    current.changes.push({
      path: decodeBytes(token.subarray(secondTab + 1)),
      oldPath: null,
      added,
      deleted,
    });
  }

  function token(bytes: Buffer) {
    if (renameCounts) {
      if (renameOld === undefined) {
        renameOld = decodeBytes(bytes);
        return;
      }
      current?.changes.push({ path: decodeBytes(bytes), oldPath: renameOld, ...renameCounts });
      renameCounts = undefined;
      renameOld = undefined;
      return;
    }
    if (bytes.length === 0) return;
    if (isHeader(bytes)) header(bytes);
    else if (bytes.length === 1 && bytes[0] === 0x0a) return;
    else entry(bytes);
  }

  return {
    push(chunk: Buffer) {
      const data = pending ? Buffer.concat([pending, chunk]) : chunk;
      let start = 0;
      for (;;) {
        const end = data.indexOf(NUL, start);
        if (end < 0) break;
        token(data.subarray(start, end));
        start = end + 1;
      }
      pending = start < data.length ? Buffer.from(data.subarray(start)) : undefined;
    },
    end() {
      if (pending && pending.length > 0) token(pending);
      pending = undefined;
      if (renameCounts) throw new LogParseError('the log ended inside a rename entry');
      flush();
    },
  };
}
