import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { type BuiltinScope, listAll, listRepositories, listServices, type Team } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';

const where: Record<BuiltinScope, { page: string; title: string }> = {
  service: { page: '/services', title: 'Services' },
  team: { page: '/teams', title: 'Teams' },
  repository: { page: '/repositories', title: 'Repositories' },
};

/** Which service, team or repository a built-in computation runs over (sent by id). */
export function SourceScopeItems({
  prefix,
  scope,
  teams,
  initial,
}: {
  prefix: string;
  scope: BuiltinScope;
  teams: Team[];
  /** The stored config's id or name. */
  initial: string;
}) {
  const services = useQuery({
    queryKey: ['services', 'all'],
    queryFn: () => listAll(listServices),
    enabled: scope === 'service',
  });
  const repositories = useQuery({
    queryKey: ['repositories', 'all'],
    queryFn: () => listAll(listRepositories),
    enabled: scope === 'repository',
  });
  const query = scope === 'service' ? services : scope === 'repository' ? repositories : undefined;
  const items: { id: string; name: string }[] = query ? (query.data ?? []) : teams;
  const stored = items.find(
    (item) => item.id === initial || item.name.toLowerCase() === initial.toLowerCase(),
  );
  const id = `${prefix}-builtin-${scope}`;
  const noun = scope === 'repository' ? 'repositories' : `${scope}s`;
  return (
    <div>
      <Field id={id} label={`Which ${scope}`}>
        <select
          id={id}
          key={`${stored?.id ?? ''}-${items.length}`}
          name={`sourceConfig.${scope}`}
          required
          defaultValue={stored?.id ?? ''}
          aria-describedby={items.length === 0 ? `${id}-none` : undefined}
        >
          <option value="">{query?.isPending ? 'Loading…' : `Choose a ${scope}`}</option>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </select>
      </Field>
      {items.length === 0 && !query?.isPending && (
        <p className="hint" id={`${id}-none`}>
          No {noun} yet: add one under <Link to={where[scope].page}>{where[scope].title}</Link>.
        </p>
      )}
      <ErrorMessage error={query?.error} />
    </div>
  );
}
