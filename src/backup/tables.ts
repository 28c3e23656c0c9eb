import type { Executor } from '../db/db.ts';

/** Tables of the running system rather than of the organisation: an import replaces their rows. */
export const transientTables: ReadonlySet<string> = new Set(['sessions', 'login_attempts', 'jobs']);

export type TableInfo = {
  name: string;
  primaryKey: string[];
  /** Whether an id column is `generated always as identity` (needs OVERRIDING SYSTEM VALUE). */
  identityColumns: string[];
  rowCount: number;
};

/**
 * Every table of the schema except schema_migrations and metric_fact_changes (notes of work for the
 * built-in metrics job, which importing facts writes again), parents before children (foreign
 * keys), so that importing in this order satisfies every reference. New features' tables are included
 * without any change here.
 */
export async function listTables(db: Executor): Promise<TableInfo[]> {
  const tables = await db.query<{
    name: string;
    primaryKey: string[] | null;
    identityColumns: string[] | null;
  }>(
    `select c.relname::text as name,
       (select array_agg(a.attname::text order by array_position(i.indkey, a.attnum))
        from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = c.oid and i.indisprimary) as "primaryKey",
       (select array_agg(a.attname::text) from pg_attribute a
        where a.attrelid = c.oid and a.attidentity = 'a') as "identityColumns"
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p')
       and c.relname not in ('schema_migrations', 'metric_fact_changes')
       and not c.relispartition
     order by c.relname`,
  );
  const edges = await db.query<{ child: string; parent: string }>(
    `select distinct c.relname::text as child, p.relname::text as parent
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema() and c.oid <> p.oid`,
  );
  const counts = new Map<string, number>();
  for (const table of tables) {
    const row = await db.query<{ count: number }>(
      `select count(*)::int as count from "${table.name}"`,
    );
    counts.set(table.name, row[0]?.count ?? 0);
  }
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const edge of edges) if (edge.child === name) visit(edge.parent);
    ordered.push(name);
  };
  for (const table of tables) visit(table.name);
  const byName = new Map(tables.map((table) => [table.name, table]));
  return ordered.flatMap((name) => {
    const table = byName.get(name);
    if (!table) return [];
    return [
      {
        name,
        primaryKey: table.primaryKey ?? [],
        identityColumns: table.identityColumns ?? [],
        rowCount: counts.get(name) ?? 0,
      },
    ];
  });
}
