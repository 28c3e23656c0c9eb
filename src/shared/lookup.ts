const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A record named the way the CLI, CI systems and URLs name it: by id (looked up by its primary key)
 * or by name. An id wins over a name that happens to look like one.
 */
export async function findByIdOrName<Row>(
  idOrName: string,
  byId: (id: string) => Promise<Row | undefined>,
  byName: (name: string) => Promise<Row | undefined>,
): Promise<Row | undefined> {
  const found = uuidPattern.test(idOrName) ? await byId(idOrName) : undefined;
  return found ?? byName(idOrName);
}
