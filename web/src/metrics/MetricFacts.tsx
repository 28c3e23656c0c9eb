import type { Metric, Person, Team } from '../api.ts';
import { Fact } from '../components/Fact.tsx';
import { formatDateTime } from '../components/format-date.ts';
import { NamedLink } from '../components/NamedLink.tsx';
import { periodNouns } from './decision-terms.ts';
import {
  aggregationLabels,
  cadenceLabels,
  directionArrows,
  directionLabels,
  formatValue,
  functionLabels,
  sourceLabels,
} from './metric-terms.ts';

/**
 * Who owns a metric, which way is good, how often it is reviewed, where its numbers come from,
 * how they are summed up per period and what they are read against.
 */
export function MetricFacts({
  metric,
  peopleById,
  teamsById,
}: {
  metric: Metric;
  peopleById: Map<string, Person>;
  teamsById: Map<string, Team>;
}) {
  const person = (id: string) => peopleById.get(id);
  return (
    <dl className="facts">
      <Fact term="Key">
        <code>{metric.key}</code>
      </Fact>
      <Fact term="Status">
        {metric.retiredAt ? (
          <span className="badge badge-muted">Retired {formatDateTime(metric.retiredAt)}</span>
        ) : (
          'Active'
        )}
      </Fact>
      <Fact term="Owner">
        {metric.ownerId ? (
          <NamedLink item={person(metric.ownerId)} to={(id) => `/people/${id}`} />
        ) : (
          'No owner'
        )}
      </Fact>
      <Fact term="Co-owners">
        {metric.coOwners.length === 0 ? (
          'None'
        ) : (
          <ul className="inline-list">
            {metric.coOwners.map((owner) => (
              <li key={owner.personId}>
                <NamedLink
                  item={person(owner.personId) ?? { id: owner.personId, name: owner.name }}
                  to={(id) => `/people/${id}`}
                />{' '}
                ({functionLabels[owner.function]})
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact term="Team">
        {metric.teamId ? (
          <NamedLink item={teamsById.get(metric.teamId)} to={(id) => `/teams/${id}`} />
        ) : (
          'No team'
        )}
      </Fact>
      <Fact term="Which way is good">
        <span aria-hidden="true">{directionArrows[metric.direction]}</span>{' '}
        {directionLabels[metric.direction]}
      </Fact>
      <Fact term="Reviewed">{cadenceLabels[metric.cadence]}</Fact>
      <Fact term="Source">{sourceLabels[metric.source]}</Fact>
      <Fact term="Unit">{metric.unit || 'None'}</Fact>
      <Fact term="Value per period">
        Per {periodNouns[metric.period]}: {aggregationLabels[metric.aggregation].toLowerCase()} of
        its datapoints
      </Fact>
      <Fact term="Target">
        {metric.target === null ? 'None' : formatValue(metric.target, metric.unit)}
      </Fact>
      <Fact term="Guardrails">{guardrails(metric)}</Fact>
      <Fact term="Last reviewed">
        {metric.lastReviewedAt ? formatDateTime(metric.lastReviewedAt) : 'Never'}
      </Fact>
      <Fact term="Latest value">
        {metric.latest
          ? `${formatValue(metric.latest.value, metric.unit)} at ${formatDateTime(metric.latest.at)}`
          : 'No data yet'}
      </Fact>
      <Fact term="Description">{metric.description || 'None'}</Fact>
    </dl>
  );
}

/** "100 ms to 500 ms", "at least 2 %", "None". */
function guardrails({ guardrailLow: low, guardrailHigh: high, unit }: Metric): string {
  if (low !== null && high !== null)
    return `${formatValue(low, unit)} to ${formatValue(high, unit)}`;
  if (low !== null) return `At least ${formatValue(low, unit)}`;
  if (high !== null) return `At most ${formatValue(high, unit)}`;
  return 'None';
}
