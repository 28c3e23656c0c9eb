/**
 * Anything that runs SQL: the database itself or an open transaction. One dialect: PostgreSQL.
 * Declared here, below everything, so that shared code (the request context) can name it; `src/db`
 * implements it for PGlite and PostgreSQL.
 */
export interface Executor {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in a transaction; inside a transaction it simply joins the open one. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
}

export type QueryOptions = {
  /**
   * Prepares the statement once per connection under this name (PostgreSQL; PGlite ignores it):
   * for the few statements run on every ingested event, never for reports, whose plans depend on
   * their parameters. One name, one SQL text.
   */
  prepare?: string;
};
