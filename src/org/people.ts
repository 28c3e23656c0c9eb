import { recordAudit } from '../audit/queries.ts';
import { type Executor, queryOne } from '../db/db.ts';
import type { Actor, Principal } from '../shared/access.ts';
import { decodeCursor, type Page, toKeyedPage } from '../shared/cursor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { assertMayChangeManager } from './privacy.ts';
import type { CreatePerson, Person, PersonQuery, UpdatePerson } from './schema.ts';
import { findTeam } from './teams.ts';

const personColumns = `p.id, p.name,
  coalesce((select array_agg(e.email order by e.position, e.email) from person_emails e
            where e.person_id = p.id), '{}') as emails,
  p.team_id as "teamId", p.role, p.manager_id as "managerId", p.start_date as "startDate",
  p.end_date as "endDate", (select u.id from users u where u.person_id = p.id) as "userId",
  p.created_at as "createdAt", p.updated_at as "updatedAt"`;

export async function findPerson(db: Executor, id: string): Promise<Person | undefined> {
  return queryOne<Person>(db, `select ${personColumns} from people p where p.id = $1`, [id]);
}

export async function getPerson(db: Executor, id: string): Promise<Person> {
  const person = await findPerson(db, id);
  if (!person) throw new NotFoundError(`unknown person '${id}'`);
  return person;
}

export async function findPersonByEmail(db: Executor, email: string): Promise<Person | undefined> {
  return queryOne<Person>(
    db,
    `select ${personColumns} from people p
     where p.id = (select person_id from person_emails where email = lower($1))`,
    [email],
  );
}

/** Sorted by name. */
export async function listPeople(db: Executor, query: PersonQuery): Promise<Page<Person>> {
  const [afterName, afterId] = decodeCursor(query.cursor, 2) ?? [null, null];
  const rows = await db.query<Person & { sortKey: string }>(
    `select ${personColumns}, lower(p.name) as "sortKey" from people p
     where ($1::uuid is null or p.team_id = $1) and ($2::uuid is null or p.manager_id = $2)
       and ($3::text is null or p.name ilike '%' || $3 || '%'
            or exists (select 1 from person_emails e where e.person_id = p.id and e.email like '%' || lower($3) || '%'))
       and ($4::boolean is null or (p.end_date is null or p.end_date >= current_date) = $4)
       and ($5::text is null or (lower(p.name), p.id) > ($5, $6::uuid))
     order by lower(p.name), p.id limit $7`,
    [
      query.teamId ?? null,
      query.managerId ?? null,
      query.q ?? null,
      query.active === undefined ? null : query.active === 'true',
      afterName,
      afterId,
      query.limit + 1,
    ],
  );
  return toKeyedPage(rows, query.limit);
}

async function checkReferences(db: Executor, input: UpdatePerson, personId?: string) {
  if (input.teamId && !(await findTeam(db, input.teamId))) {
    throw new InputError(`unknown team '${input.teamId}'`);
  }
  if (input.managerId) {
    if (!(await findPerson(db, input.managerId)))
      throw new InputError(`unknown manager '${input.managerId}'`);
    if (personId) {
      const cycle = await queryOne(
        db,
        `with recursive chain as (
           select id, manager_id from people where id = $1
           union select p.id, p.manager_id from people p join chain c on p.id = c.manager_id)
         select 1 from chain where id = $2`,
        [input.managerId, personId],
      );
      if (cycle) throw new InputError('managerId would make the person their own manager');
    }
  }
  if (input.emails) {
    const unique = new Set(input.emails);
    if (unique.size !== input.emails.length)
      throw new InputError('emails contains the same address twice');
    const taken = await queryOne<{ email: string }>(
      db,
      'select email from person_emails where email = any($1) and person_id is distinct from $2::uuid limit 1',
      [input.emails, personId ?? null],
    );
    if (taken) throw new ConflictError(`email '${taken.email}' already belongs to another person`);
  }
}

function checkDates(startDate: string | null, endDate: string | null) {
  if (startDate && endDate && endDate < startDate) {
    throw new InputError('endDate must not be before startDate');
  }
}

async function replaceEmails(db: Executor, personId: string, emails: readonly string[]) {
  await db.query('delete from person_emails where person_id = $1', [personId]);
  if (emails.length === 0) return;
  await db.query(
    `insert into person_emails (email, person_id, position)
     select email, $1, ordinality - 1 from unnest($2::text[]) with ordinality as e(email, ordinality)`,
    [personId, emails],
  );
}

export async function createPerson(
  db: Executor,
  actor: Actor,
  input: CreatePerson,
): Promise<Person> {
  return db.transaction(async (tx) => {
    await checkReferences(tx, input);
    checkDates(input.startDate, input.endDate);
    const row = await queryOne<{ id: string }>(
      tx,
      `insert into people (name, team_id, role, manager_id, start_date, end_date)
       values ($1, $2, $3, $4, $5, $6) returning id`,
      [input.name, input.teamId, input.role, input.managerId, input.startDate, input.endDate],
    );
    const id = row?.id ?? '';
    await replaceEmails(tx, id, input.emails);
    const person = await getPerson(tx, id);
    await recordAudit(tx, actor, {
      action: 'person.create',
      entityType: 'person',
      entityId: id,
      after: person,
    });
    return person;
  });
}

/** Changes a person; `viewer`, when given, is held to the privacy rule on manager changes. */
export async function updatePerson(
  db: Executor,
  actor: Actor,
  id: string,
  input: UpdatePerson,
  viewer?: Pick<Principal, 'role' | 'personId'>,
): Promise<Person> {
  if (Object.keys(input).length === 0) return getPerson(db, id); // nothing to change, nothing to audit
  return db.transaction(async (tx) => {
    const before = await getPerson(tx, id);
    if (viewer && input.managerId !== undefined && input.managerId !== before.managerId) {
      await assertMayChangeManager(tx, viewer, id, input.managerId);
    }
    await checkReferences(tx, input, id);
    checkDates(
      input.startDate === undefined ? before.startDate : input.startDate,
      input.endDate === undefined ? before.endDate : input.endDate,
    );
    const set = (field: keyof UpdatePerson) => input[field] !== undefined;
    await tx.query(
      `update people set
         name = case when $2 then $3 else name end,
         team_id = case when $4 then $5::uuid else team_id end,
         role = case when $6 then $7 else role end,
         manager_id = case when $8 then $9::uuid else manager_id end,
         start_date = case when $10 then $11::date else start_date end,
         end_date = case when $12 then $13::date else end_date end,
         updated_at = now()
       where id = $1`,
      [
        id,
        set('name'),
        input.name ?? null,
        set('teamId'),
        input.teamId ?? null,
        set('role'),
        input.role ?? null,
        set('managerId'),
        input.managerId ?? null,
        set('startDate'),
        input.startDate ?? null,
        set('endDate'),
        input.endDate ?? null,
      ],
    );
    if (input.emails) await replaceEmails(tx, id, input.emails);
    const after = await getPerson(tx, id);
    await recordAudit(tx, actor, {
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}

export async function deletePerson(db: Executor, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const before = await getPerson(tx, id);
    if (before.userId)
      throw new ConflictError(`${before.name} has an account: remove the account first`);
    const report = await queryOne(tx, 'select 1 from people where manager_id = $1 limit 1', [id]);
    if (report)
      throw new ConflictError(`${before.name} manages people: give them another manager first`);
    await tx.query('delete from people where id = $1', [id]);
    await recordAudit(tx, actor, {
      action: 'person.delete',
      entityType: 'person',
      entityId: id,
      before,
    });
  });
}
