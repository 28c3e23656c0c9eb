import { type Executor, queryOne } from '../db/db.ts';
import type { Principal } from '../shared/access.ts';

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
