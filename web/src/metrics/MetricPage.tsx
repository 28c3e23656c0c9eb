import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { type CreateMetric, getMetric, listDatapoints, type Metric, updateMetric } from '../api.ts';
import { canEditOrg, useSession } from '../auth/useSession.ts';
import { Card } from '../components/Card.tsx';
import { DetailPage } from '../components/DetailPage.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { indexById, useAllPeople, useAllTeams } from '../org/useOrgLookups.ts';
import { canDecide } from './can-decide.ts';
import { DatapointsTable } from './DatapointsTable.tsx';
import { LinksSection } from './LinksSection.tsx';
import { MetricFacts } from './MetricFacts.tsx';
import { MetricForm } from './MetricForm.tsx';
import { ReviewsSection } from './ReviewsSection.tsx';
import { RuleSection } from './RuleSection.tsx';
import { SourceStatus } from './SourceStatus.tsx';
import { ValuesSection } from './ValuesSection.tsx';
import { VanityNotice } from './VanityNotice.tsx';

const computedSources = new Set<Metric['source']>(['builtin', 'sql', 'prometheus']);

/**
 * One metric: its facts and vanity flags, its value per period, the decision rule it informs and
 * its firings, its reviews, what it serves, its source and every datapoint. Editors edit and
 * retire it; its owners, admins and leaders state its rule, review and link it.
 */
export function MetricPage() {
  const { key = '' } = useParams();
  const { user } = useSession();
  const canEdit = canEditOrg(user.role);
  const queryClient = useQueryClient();
  const metric = useQuery({ queryKey: ['metrics', 'one', key], queryFn: () => getMetric(key) });
  const datapoints = useQuery({
    queryKey: ['metrics', 'datapoints', key],
    queryFn: () => listDatapoints(key, { limit: 10_000 }),
  });
  const people = useAllPeople();
  const teams = useAllTeams();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(0);
  const [retireNotice, setRetireNotice] = useState('');

  const refetch = () => queryClient.invalidateQueries({ queryKey: ['metrics'] });
  const save = useMutation({
    mutationFn: ({ key: _key, ...input }: CreateMetric) => updateMetric(key, input),
    onSuccess: async () => {
      await refetch();
      setEditing(false);
      setSaved((count) => count + 1);
    },
  });
  const retire = useMutation({
    mutationFn: async (): Promise<unknown> =>
      updateMetric(key, { retired: !metric.data?.retiredAt }),
    onMutate: () => setRetireNotice(''),
    onSuccess: async () => {
      const retiring = !metric.data?.retiredAt;
      await refetch();
      setRetireNotice(
        retiring
          ? 'Retired: it has left the catalog; its history stays.'
          : 'Brought back into the catalog.',
      );
    },
  });

  const items = datapoints.data?.items ?? [];
  const peopleOptions = (people.data ?? [])
    .map((person) => ({ id: person.id, name: person.name }))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <DetailPage
      query={metric}
      noun="metric"
      list={{ to: '/metric-catalog', title: 'Metrics' }}
      describe={(data) => (data.retiredAt ? `${data.key} · retired` : data.key)}
      editor={
        canEdit
          ? {
              editing,
              saved,
              startEditing: () => {
                setSaved(0);
                setRetireNotice('');
                retire.reset();
                setEditing(true);
              },
              deletion: retire,
            }
          : undefined
      }
      deleteWording={{
        label: metric.data?.retiredAt ? 'Bring back' : 'Retire metric',
        question: (data) =>
          data.retiredAt
            ? `Bring ${data.name} back into the catalog?`
            : `Retire ${data.name}? It leaves the catalog; its datapoints stay.`,
      }}
    >
      {(data) => (
        <>
          <p role="status" className="success">
            {retireNotice}
          </p>
          {editing && (
            <Card id="edit-metric" title="Edit metric" narrow>
              <MetricForm
                metric={data}
                people={people.data ?? []}
                teams={teams.data ?? []}
                submitLabel="Save changes"
                pending={save.isPending}
                error={save.error}
                onSubmit={(input) => save.mutate(input)}
                onCancel={() => {
                  save.reset();
                  setEditing(false);
                }}
              />
            </Card>
          )}
          <VanityNotice metric={data} />
          <MetricFacts
            metric={data}
            peopleById={indexById(people.data)}
            teamsById={indexById(teams.data)}
          />
          <ValuesSection metric={data} />
          <RuleSection metric={data} people={peopleOptions} mayDecide={canDecide(data, user)} />
          <ReviewsSection metric={data} mayDecide={canDecide(data, user)} />
          <LinksSection metric={data} mayDecide={canDecide(data, user)} />
          {computedSources.has(data.source) && <SourceStatus metric={data} mayRun={canEdit} />}
          <section aria-labelledby="metric-datapoints-title">
            <h2 id="metric-datapoints-title">Datapoints</h2>
            <ErrorMessage error={datapoints.error} />
            {datapoints.isPending ? (
              <Loading label="Loading datapoints" />
            ) : items.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <>
                <h3>All datapoints ({items.length})</h3>
                <DatapointsTable datapoints={items} unit={data.unit} />
              </>
            )}
          </section>
        </>
      )}
    </DetailPage>
  );
}
