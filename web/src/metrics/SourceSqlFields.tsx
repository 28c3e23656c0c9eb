import type { MetricSource } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { configNumber, configText } from './source-input.ts';

const example =
  "select date_trunc('week', created_at) as period, count(*) as value from orders " +
  'where created_at >= {{from}} and created_at < {{to}} group by 1';

/** A query Cairn runs on a PostgreSQL database (a warehouse, a replica) for each run. */
export function SourceSqlFields({
  prefix,
  source,
}: {
  prefix: string;
  /** The stored source, when it is a SQL one: its connection may be kept. */
  source: MetricSource | undefined;
}) {
  const stored = source?.kind === 'sql' ? source : undefined;
  const config = stored?.config ?? {};
  return (
    <>
      <Field
        id={`${prefix}-connection-url`}
        label="Connection URL"
        hint={
          stored
            ? `Stored encrypted and never shown again: leave it empty to keep the connection to ${stored.connection ?? 'the stored database'}.`
            : 'A postgres:// URL, best of a read-only user. Stored encrypted and never shown again.'
        }
      >
        <input
          id={`${prefix}-connection-url`}
          name="sourceConfig.connectionUrl"
          type="password"
          required={!stored}
          autoComplete="off"
          spellCheck={false}
          placeholder="postgres://reader:…@warehouse:5432/analytics"
          aria-describedby={`${prefix}-connection-url-hint`}
        />
      </Field>
      <Field
        id={`${prefix}-sql-query`}
        label="Query"
        hint="Returns one row per period: period (its start, a date or timestamp) and value. It must use {{from}} and {{to}}: each run asks for the periods from {{from}} up to {{to}}."
      >
        <textarea
          id={`${prefix}-sql-query`}
          name="sourceConfig.query"
          className="mono"
          rows={6}
          required
          maxLength={20_000}
          spellCheck={false}
          defaultValue={configText(config, 'query')}
          aria-describedby={`${prefix}-sql-query-hint ${prefix}-sql-query-example`}
        />
      </Field>
      <div className="source-example" id={`${prefix}-sql-query-example`}>
        <p className="hint">For example, orders per week:</p>
        <pre className="command">{example}</pre>
      </div>
      <div className="field-row">
        <Field id={`${prefix}-sql-timeout`} label="Timeout (seconds)" hint="1 to 300">
          <input
            id={`${prefix}-sql-timeout`}
            name="sourceConfig.timeoutSeconds"
            type="number"
            min={1}
            max={300}
            step={1}
            required
            defaultValue={configNumber(config, 'timeoutSeconds') ?? 30}
            aria-describedby={`${prefix}-sql-timeout-hint`}
          />
        </Field>
        <Field id={`${prefix}-sql-row-limit`} label="Row limit" hint="1 to 100000">
          <input
            id={`${prefix}-sql-row-limit`}
            name="sourceConfig.rowLimit"
            type="number"
            min={1}
            max={100_000}
            step={1}
            required
            defaultValue={configNumber(config, 'rowLimit') ?? 10_000}
            aria-describedby={`${prefix}-sql-row-limit-hint`}
          />
        </Field>
      </div>
    </>
  );
}
