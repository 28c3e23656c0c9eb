import type { MetricSource } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { configNumber, configText } from './source-input.ts';

/** A PromQL query Cairn evaluates on a Prometheus server at the end of each period. */
export function SourcePrometheusFields({
  prefix,
  source,
}: {
  prefix: string;
  source: MetricSource | undefined;
}) {
  const config = source?.kind === 'prometheus' ? source.config : {};
  return (
    <>
      <Field
        id={`${prefix}-prometheus-url`}
        label="Server URL"
        hint="The http(s) address of the Prometheus server, e.g. http://prometheus:9090"
      >
        <input
          id={`${prefix}-prometheus-url`}
          name="sourceConfig.url"
          type="url"
          required
          autoComplete="off"
          spellCheck={false}
          defaultValue={configText(config, 'url')}
          aria-describedby={`${prefix}-prometheus-url-hint`}
        />
      </Field>
      <Field
        id={`${prefix}-promql`}
        label="PromQL query"
        hint={
          "Evaluated at the end of each period; {{period}} is the period's length, e.g. " +
          'sum(increase(http_requests_total{code=~"5.."}[{{period}}]))'
        }
      >
        <textarea
          id={`${prefix}-promql`}
          name="sourceConfig.query"
          className="mono"
          rows={4}
          required
          maxLength={5_000}
          spellCheck={false}
          defaultValue={configText(config, 'query')}
          aria-describedby={`${prefix}-promql-hint`}
        />
      </Field>
      <Field id={`${prefix}-prometheus-timeout`} label="Timeout (seconds)" hint="1 to 120">
        <input
          id={`${prefix}-prometheus-timeout`}
          name="sourceConfig.timeoutSeconds"
          type="number"
          min={1}
          max={120}
          step={1}
          required
          defaultValue={configNumber(config, 'timeoutSeconds') ?? 10}
          aria-describedby={`${prefix}-prometheus-timeout-hint`}
        />
      </Field>
    </>
  );
}
