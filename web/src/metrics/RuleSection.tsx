import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Metric } from '../api.ts';
import { ConfirmButton } from '../components/ConfirmButton.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { deleteRule, findRule, type SetRuleInput, setRule } from './decision-api.ts';
import { FiringsList } from './FiringsList.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RuleStatement } from './RuleStatement.tsx';
import { useMetricWrite } from './useMetricWrite.ts';

/**
 * The decision the metric informs, as the rule Cairn checks: stated, edited or removed by its
 * owners, admins and leaders; below it, each time it fired.
 */
export function RuleSection({
  metric,
  people,
  mayDecide,
}: {
  metric: Metric;
  people: { id: string; name: string }[];
  mayDecide: boolean;
}) {
  const { key } = metric;
  const rule = useQuery({ queryKey: ['metrics', 'rule', key], queryFn: () => findRule(key) });
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const save = useMetricWrite(
    (input: SetRuleInput) => setRule(key, input),
    (saved) => {
      setEditing(false);
      setNotice(saved.firing ? 'Saved the rule. It fires now.' : 'Saved the rule.');
    },
  );
  const remove = useMetricWrite(
    (_: undefined) => deleteRule(key),
    () => setNotice('Removed the rule.'),
  );

  function startEditing() {
    save.reset();
    remove.reset();
    setNotice('');
    setEditing(true);
  }

  return (
    <section aria-labelledby="metric-rule-title">
      <div className="section-header">
        <h2 id="metric-rule-title">Decision rule</h2>
        {mayDecide && !editing && rule.data !== undefined && (
          <span className="form-actions">
            <button type="button" className="button" onClick={startEditing}>
              {rule.data ? 'Edit rule' : 'State a rule'}
            </button>
            {rule.data && (
              <ConfirmButton
                label="Remove rule"
                question="Remove the decision rule? Its firings stay."
                busy={remove.isPending}
                onConfirm={() => remove.mutate(undefined)}
              />
            )}
          </span>
        )}
      </div>
      <p role="status" className="success">
        {notice}
      </p>
      <ErrorMessage error={rule.error ?? remove.error} />
      {rule.isPending ? (
        <Loading label="Loading the decision rule" />
      ) : editing ? (
        <div className="card narrow">
          <RuleForm
            metric={metric}
            rule={rule.data ?? null}
            people={people}
            submitLabel="Save rule"
            pending={save.isPending}
            error={save.error}
            onSubmit={(input) => save.mutate(input)}
            onCancel={() => setEditing(false)}
          />
        </div>
      ) : rule.data ? (
        <RuleStatement rule={rule.data} metric={metric} />
      ) : (
        <EmptyState title="No decision rule yet.">
          <p>
            A metric earns its place by informing a decision. State the threshold, for how many
            periods in a row, the action agreed in advance and who acts: Cairn checks it every
            period and tells them when it fires. Without one the metric is flagged as vanity.
          </p>
        </EmptyState>
      )}
      <FiringsList metric={metric} />
    </section>
  );
}
