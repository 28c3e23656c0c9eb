import type { BuiltinScope, CreateMetric, Metric, SourceInputBody } from '../api.ts';
import { formText } from '../components/form-data.ts';

/** Sources Cairn computes itself; the others are pushed or imported. */
export const computedSources: ReadonlySet<Metric['source']> = new Set([
  'builtin',
  'sql',
  'prometheus',
]);

/** A text of a stored source's config, '' when it has none. */
export function configText(config: Record<string, unknown>, name: string): string {
  const value = config[name];
  return typeof value === 'string' ? value : '';
}

export function configNumber(config: Record<string, unknown>, name: string): number | undefined {
  const value = config[name];
  return typeof value === 'number' ? value : undefined;
}

/**
 * The source chosen in a submitted form: `source`, and for a computed one its `sourceConfig`
 * (fields named `sourceConfig.…`). Without a source control (still loading) it leaves both out.
 */
export function readSource(form: FormData): Pick<CreateMetric, 'source' | 'sourceConfig'> {
  const kind = formText(form, 'source') as Metric['source'] | '';
  if (!kind) return {};
  if (!computedSources.has(kind)) return { source: kind };
  return { source: kind, sourceConfig: readSourceConfig(form, kind) };
}

function readSourceConfig(form: FormData, kind: Metric['source']): SourceInputBody {
  const text = (name: string) => formText(form, `sourceConfig.${name}`);
  const number = (name: string) => {
    const value = text(name);
    return value === '' ? undefined : Number(value);
  };
  const schedule = { everyMinutes: number('everyMinutes'), lookback: number('lookback') };
  if (kind === 'sql') {
    return {
      kind,
      connectionUrl: text('connectionUrl') || undefined,
      query: text('query'),
      timeoutSeconds: number('timeoutSeconds'),
      rowLimit: number('rowLimit'),
      ...schedule,
    };
  }
  if (kind === 'prometheus') {
    return {
      kind,
      url: text('url'),
      query: text('query'),
      timeoutSeconds: number('timeoutSeconds'),
      ...schedule,
    };
  }
  const scope = formText(form, 'builtinScope') as BuiltinScope;
  return { kind: 'builtin', computation: text('computation'), [scope]: text(scope), ...schedule };
}
