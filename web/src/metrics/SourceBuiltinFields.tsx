import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import {
  type BuiltinComputation,
  type BuiltinScope,
  listMetricComputations,
  type MetricSource,
  type Team,
} from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Field } from '../components/Field.tsx';
import { Loading } from '../components/Loading.tsx';
import { scopeLabels } from './metric-terms.ts';
import { SourceScopeItems } from './SourceScopeItems.tsx';
import { configText } from './source-input.ts';

/**
 * One of Cairn's own computations (DORA keys, incidents, git activity), for the one service, team
 * or repository it is computed per. Choosing one tells the form its unit and direction.
 */
export function SourceBuiltinFields({
  prefix,
  source,
  teams,
  onComputation,
}: {
  prefix: string;
  source: MetricSource | undefined;
  teams: Team[];
  onComputation: (computation: BuiltinComputation) => void;
}) {
  const config = source?.kind === 'builtin' ? source.config : {};
  const computations = useQuery({
    queryKey: ['metric-computations'],
    queryFn: listMetricComputations,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const [name, setName] = useState(configText(config, 'computation'));
  const [scope, setScope] = useState<BuiltinScope>(
    (['service', 'team', 'repository'] as const).find((kind) => configText(config, kind)) ??
      'service',
  );
  const items = computations.data?.items ?? [];
  const chosen = items.find((item) => item.name === name) ?? items[0];
  const scopeShown = chosen && !chosen.scopes.includes(scope) ? chosen.scopes[0] : scope;

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per computation chosen
  useEffect(() => {
    if (chosen) onComputation(chosen);
  }, [chosen?.name]);

  if (computations.isPending) return <Loading label="Loading the built-in computations" />;
  if (!chosen) return <ErrorMessage error={computations.error ?? new Error('none are known')} />;
  return (
    <>
      <Field id={`${prefix}-computation`} label="Computation" hint={chosen.description}>
        <select
          id={`${prefix}-computation`}
          name="sourceConfig.computation"
          value={chosen.name}
          onChange={(event) => setName(event.target.value)}
          aria-describedby={`${prefix}-computation-hint`}
        >
          {items.map((item) => (
            <option key={item.name} value={item.name}>
              {item.title} ({item.name})
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field id={`${prefix}-builtin-scope`} label="Computed per">
          <select
            id={`${prefix}-builtin-scope`}
            name="builtinScope"
            value={scopeShown}
            onChange={(event) => setScope(event.target.value as BuiltinScope)}
          >
            {chosen.scopes.map((kind) => (
              <option key={kind} value={kind}>
                {scopeLabels[kind]}
              </option>
            ))}
          </select>
        </Field>
        {scopeShown && (
          <SourceScopeItems
            key={scopeShown}
            prefix={prefix}
            scope={scopeShown}
            teams={teams}
            initial={configText(config, scopeShown)}
          />
        )}
      </div>
    </>
  );
}
