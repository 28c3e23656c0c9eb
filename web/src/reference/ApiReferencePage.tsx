import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode, useDeferredValue, useState } from 'react';
import { getOpenApi } from '../api.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { methods, type OpenApiDocument, type Operation } from './openapi-types.ts';
import { DocumentContext, SchemaView, TypeLabel } from './SchemaView.tsx';

type Entry = { method: string; path: string; operation: Operation };

/** The API's OpenAPI document, grouped by tag, one collapsible block per operation. */
export function ApiReferencePage() {
  const spec = useQuery({
    queryKey: ['openapi'],
    queryFn: async () => (await getOpenApi()) as OpenApiDocument,
    staleTime: Infinity,
  });
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim().toLowerCase());

  const header = (
    <PageHeader
      title="API reference"
      description={
        <>
          Everything the web UI does goes through this API. Scripts authenticate with an API token:{' '}
          <code>Authorization: Bearer …</code>. The raw document is at{' '}
          <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        </>
      }
    />
  );
  if (spec.isPending) {
    return (
      <>
        {header}
        <Loading label="Loading the API description" />
      </>
    );
  }
  if (spec.isError) {
    return (
      <>
        {header}
        <ErrorMessage error={spec.error} />
      </>
    );
  }

  const document = spec.data;
  const base = pathPrefix(document);
  const groups = groupByTag(document, base, needle);

  return (
    <DocumentContext value={document}>
      {header}
      {document.info.description && (
        <p className="reference-intro">{withCode(document.info.description)}</p>
      )}
      <div className="toolbar">
        <label htmlFor="reference-filter">Filter</label>
        <input
          id="reference-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          placeholder="Path, method or summary…"
        />
        <span className="muted" role="status">
          {groups.reduce((count, group) => count + group.entries.length, 0)} operations
        </span>
      </div>
      {groups.map((group) => (
        <section key={group.tag} aria-labelledby={`tag-${group.tag}`} className="reference-group">
          <h2 id={`tag-${group.tag}`}>{group.tag}</h2>
          {group.entries.map((entry) => (
            <OperationView key={`${entry.method} ${entry.path}`} base={base} entry={entry} />
          ))}
        </section>
      ))}
    </DocumentContext>
  );
}

/**
 * What goes before each documented path: nothing when the server is the site root (the paths are
 * then complete, e.g. `/api/teams` and `/healthz`), else the server's path, e.g. `/api`.
 */
function pathPrefix(document: OpenApiDocument): string {
  const url = document.servers?.[0]?.url ?? '/';
  return url.replace(/\/+$/, '');
}

function groupByTag(document: OpenApiDocument, base: string, needle: string) {
  const groups = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      const text = `${method} ${base}${path} ${operation.summary ?? ''}`.toLowerCase();
      if (needle && !text.includes(needle)) continue;
      const tag = operation.tags?.[0] ?? 'Other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, operation }]);
    }
  }
  return [...groups].map(([tag, entries]) => ({ tag, entries }));
}

function OperationView({ base, entry }: { base: string; entry: Entry }) {
  const { method, path, operation } = entry;
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return (
    <details className="operation">
      <summary>
        <span className={`method method-${method}`}>{method.toUpperCase()}</span>
        <code className="operation-path">
          {base}
          {path}
        </code>
        <span className="operation-summary">{operation.summary}</span>
      </summary>
      <div className="operation-body">
        {operation.description && <p>{withCode(operation.description)}</p>}
        {operation.parameters && operation.parameters.length > 0 && (
          <>
            <h3>Parameters</h3>
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">In</th>
                  <th scope="col">Type</th>
                  <th scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {operation.parameters.map((parameter) => (
                  <tr key={`${parameter.in}:${parameter.name}`}>
                    <td>
                      <code>{parameter.name}</code>
                      {parameter.required && <span className="schema-required">required</span>}
                    </td>
                    <td>{parameter.in}</td>
                    <td>{parameter.schema ? <TypeLabel schema={parameter.schema} /> : '—'}</td>
                    <td>{parameter.description ?? parameter.schema?.description ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {body && (
          <>
            <h3>Request body (JSON){operation.requestBody?.required ? '' : ', optional'}</h3>
            <SchemaView schema={body} />
          </>
        )}
        <h3>Responses</h3>
        <dl className="responses">
          {Object.entries(operation.responses ?? {}).map(([status, response]) => {
            const schema = response.content?.['application/json']?.schema;
            return (
              <Fragment key={status}>
                <dt>
                  <span className={`status-code status-code-${status[0]}`}>{status}</span>{' '}
                  {response.description}
                </dt>
                <dd>
                  {schema ? <SchemaView schema={schema} /> : <span className="muted">No body</span>}
                </dd>
              </Fragment>
            );
          })}
          <dt>
            <span className="status-code status-code-4">4xx/5xx</span> An error
          </dt>
          <dd>
            <code>{'{"error":{"code","message","details"}}'}</code>
          </dd>
        </dl>
      </div>
    </details>
  );
}

/** Markdown-ish `code` spans in descriptions. */
function withCode(text: string): ReactNode[] {
  return text.split(/(`[^`]+`)/).map((part, index) =>
    part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
      <code key={index}>{part.slice(1, -1)}</code>
    ) : (
      part
    ),
  );
}
