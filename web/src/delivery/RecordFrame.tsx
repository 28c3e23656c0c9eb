import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';

/**
 * The frame of a deployment's or an incident's page: loading and failing to load, the
 * breadcrumb back to its list, its title, and the actions the reader may take on it.
 */
export function RecordFrame<Item>({
  query,
  noun,
  list,
  title,
  describe,
  actions,
  children,
}: {
  query: UseQueryResult<Item>;
  noun: string;
  list: { to: string; title: string };
  title: (item: Item) => string;
  describe: (item: Item) => ReactNode;
  actions?: (item: Item) => ReactNode;
  children: (item: Item) => ReactNode;
}) {
  if (query.isPending) return <Loading label={`Loading ${noun}`} />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={noun.charAt(0).toUpperCase() + noun.slice(1)} />
        <ErrorMessage error={query.error} />
        <p>
          <Link to={list.to}>Back to {list.title.toLowerCase()}</Link>
        </p>
      </>
    );
  }
  const item = query.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={list.to}>{list.title}</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{title(item)}</span>
      </nav>
      <PageHeader title={title(item)} description={describe(item)} actions={actions?.(item)} />
      {children(item)}
    </>
  );
}
