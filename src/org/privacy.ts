import { type Executor, queryOne } from '../db/db.ts';
import type { Principal } from '../shared/access.ts';
import { NotAllowedError } from '../shared/errors.ts';

/**
 * The privacy hook for a person's private records (scorecards, growth plans, 1:1 notes…): visible to
 * the person, to everyone above them in their manager chain, and to admins.
 */
export async function canSeePrivate(
  db: Executor,
  viewer: Pick<Principal, 'role' | 'personId'>,
  subjectPersonId: string,
): Promise<boolean> {
  if (viewer.role === 'admin' || viewer.personId === subjectPersonId) return true;
  const row = await queryOne(
    db,
    `with recursive chain as (
       select manager_id from people where id = $1
       union select p.manager_id from people p join chain c on p.id = c.manager_id)
     select 1 from chain where manager_id = $2`,
    [subjectPersonId, viewer.personId],
  );
  return row !== undefined;
}

/**
 * Whoever is above a person in the manager chain sees their private records, so only admins may put
 * someone under their own chain who is not already below them.
 */
export async function assertMayChangeManager(
  db: Executor,
  viewer: Pick<Principal, 'role' | 'personId'>,
  personId: string,
  managerId: string | null,
): Promise<void> {
  if (viewer.role === 'admin' || managerId === null) return;
  const wouldBeAbove = await canSeePrivate(
    db,
    { role: viewer.role, personId: viewer.personId },
    managerId,
  );
  if (!wouldBeAbove || (await canSeePrivate(db, viewer, personId))) return;
  throw new NotAllowedError('only admins may put someone under their own management chain');
}

/**
 * SQL condition for list queries: `${privateToViewer('x.person_id', 2)}` with params
 * [..., viewerPersonId (at $2), viewerIsAdmin (at $3)] keeps rows the viewer may see.
 */
export function privateToViewer(personColumn: string, firstParam: number): string {
  const viewer = `$${firstParam}::uuid`;
  const isAdmin = `$${firstParam + 1}::boolean`;
  return `(${isAdmin} or ${personColumn} = ${viewer} or ${viewer} in (
    with recursive chain as (
      select manager_id from people where id = ${personColumn}
      union select p.manager_id from people p join chain c on p.id = c.manager_id)
    select manager_id from chain where manager_id is not null))`;
}
