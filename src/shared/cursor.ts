import { z } from '@hono/zod-openapi';
import { InputError } from './errors.ts';

/**
 * Cursor pagination: `?limit=&cursor=` in, `{ items, nextCursor }` out. Strict: a filter the route
 * does not know is an error, not silently ignored.
 */
export const pageQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ description: 'Page size, 1–200' }),
  cursor: z.string().optional().openapi({ description: 'nextCursor from the previous page' }),
});
export type PageQuery = z.infer<typeof pageQuerySchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export type Page<Item> = { items: Item[]; nextCursor: string | null };

export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | undefined,
  arity: number,
): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError(`invalid cursor '${cursor}': pass nextCursor from the previous page`);
}

/** Fetch limit + 1 rows; this trims the extra one and makes the cursor from the last kept row. */
export function toPage<Row>(
  rows: Row[],
  limit: number,
  key: (row: Row) => (string | number)[],
): Page<Row> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

/**
 * For lists sorted by a key that SQL computes (`lower(name) as "sortKey"`, then id): the cursor
 * carries the key exactly as PostgreSQL computed it (JavaScript's lower-casing differs for some
 * letters), and the key is dropped from the items.
 */
export function toKeyedPage<Row extends { sortKey: string; id: string }>(
  rows: Row[],
  limit: number,
): Page<Omit<Row, 'sortKey'>> {
  const page = toPage(rows, limit, (row) => [row.sortKey, row.id]);
  return { ...page, items: page.items.map(({ sortKey: _, ...item }) => item) };
}
