import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  type Identity,
  type IdentityStatus,
  listIdentities,
  type UpdateIdentity,
  updateIdentity,
} from '../api.ts';
import { useSession } from '../auth/useSession.ts';
import { DataTable } from '../components/DataTable.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage, isForbidden } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { NotAllowed } from '../components/NotAllowed.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { SearchField } from '../components/SearchField.tsx';
import { type Tab, Tabs } from '../components/Tabs.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { personLabels, useAllPeople, useAllTeams } from '../org/useOrgLookups.ts';
import { IdentityRow } from './IdentityRow.tsx';

const statuses: Tab<IdentityStatus>[] = [
  { id: 'unmatched', label: 'Unmatched' },
  { id: 'matched', label: 'Matched' },
  { id: 'bots', label: 'Bots' },
  { id: 'all', label: 'All' },
];
const emptyTitles: Record<IdentityStatus, string> = {
  unmatched: 'Every identity is matched to a person or marked as a bot.',
  matched: 'No identity is matched to a person yet.',
  bots: 'No identity is marked as a bot.',
  all: 'No commit authors read yet: connect a repository first.',
};

export function IdentitiesPage() {
  const { user } = useSession();
  const canEdit = user.role === 'admin';
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const status = statuses.find((tab) => tab.id === params.get('status'))?.id ?? 'unmatched';
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const people = useAllPeople();
  const teams = useAllTeams();
  const labels = personLabels(people.data ?? [], teams.data ?? []);
  const [notice, setNotice] = useState({ text: '', at: 0 });
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice.at) noticeRef.current?.focus();
  }, [notice.at]);

  const { query: identities, items } = usePagedQuery(
    ['git-identities', 'list', { status, q }],
    (page) => listIdentities({ ...page, status, q: q || undefined }),
  );
  const update = useMutation({
    mutationFn: (input: { identity: Identity; change: UpdateIdentity }) =>
      updateIdentity(input.identity.id, input.change),
    onMutate: () => setNotice({ text: '', at: 0 }),
    onSuccess: async (updated, { identity, change }) => {
      setNotice({ text: describeChange(identity, updated, change), at: Date.now() });
      await queryClient.invalidateQueries({ queryKey: ['git-identities'] });
      await queryClient.invalidateQueries({ queryKey: ['code-health'] });
    },
  });

  const header = (
    <PageHeader
      title="Git identities"
      description="Commit authors (after .mailmap) and the person each counts for. Commits match people by email; merge the rest into the right person, and mark bots so their commits count for no one."
    />
  );
  if (isForbidden(identities.error)) {
    return (
      <>
        {header}
        <NotAllowed who="admins and leaders" />
      </>
    );
  }
  return (
    <>
      {header}
      <div className="toolbar">
        <SearchField
          id="identity-search"
          label="Search identities"
          value={search}
          onChange={setSearch}
          placeholder="Name or email contains…"
        />
      </div>
      <Tabs
        idPrefix="identities"
        label="Which identities"
        tabs={statuses}
        selected={status}
        onSelect={(id) => setParams(id === 'unmatched' ? {} : { status: id }, { replace: true })}
      >
        <ErrorMessage error={identities.error ?? update.error} />
        <p role="status" className="success card-status" tabIndex={-1} ref={noticeRef}>
          {notice.text}
        </p>
        {identities.isPending ? (
          <Loading label="Loading identities" />
        ) : items.length === 0 ? (
          <EmptyState
            title={q ? `No identity's name or email contains “${q}”.` : emptyTitles[status]}
          />
        ) : (
          <DataTable
            columns={[
              'Name',
              'Email',
              { label: 'Commits', numeric: true },
              'Last commit',
              'Person',
              canEdit && { label: 'Actions', hidden: true },
            ]}
          >
            {items.map((identity) => (
              <IdentityRow
                key={identity.id}
                identity={identity}
                canEdit={canEdit}
                people={people.data ?? []}
                labels={labels}
                busy={update.isPending && update.variables?.identity.id === identity.id}
                onChange={(change) => update.mutate({ identity, change })}
              />
            ))}
          </DataTable>
        )}
        <LoadMore query={identities} />
      </Tabs>
    </>
  );
}

function describeChange(before: Identity, after: Identity, change: UpdateIdentity): string {
  if (change.isBot !== undefined) {
    return after.isBot
      ? `Marked ${before.name} as a bot: their commits count for no one.`
      : `${before.name} is not a bot any more.`;
  }
  if (change.personId) return `Merged ${before.name} <${before.email}> into ${after.personName}.`;
  return after.personName
    ? `Undid the merge: ${before.name} matches ${after.personName} by email.`
    : `Undid the merge: ${before.name} is unmatched again.`;
}
