import type { UseMutationResult, UseQueryResult } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Loading } from './Loading.tsx';
import { PageHeader } from './PageHeader.tsx';

/**
 * The frame of one thing's page: loading and failing to load, the breadcrumb back to its list,
 * its name as the title, and (for editors, when not editing) the Edit and Delete buttons.
 */
export function DetailPage<Item extends { name: string }>({
  query,
  noun,
  list,
  describe,
  editor,
  deleteWording,
  children,
}: {
  query: UseQueryResult<Item>;
  /** 'team': "Loading team", "Edit team", "Delete team". */
  noun: string;
  /** The list it belongs to, for the breadcrumb and the way back. */
  list: { to: string; title: string };
  describe: (item: Item) => ReactNode;
  /** Without one, the reader may not edit. */
  editor?: {
    editing: boolean;
    /** How many saves since editing last started: each is announced, and focus moves there. */
    saved: number;
    startEditing: () => void;
    deletion: UseMutationResult<unknown, Error, void>;
  };
  /** Other words for Delete, e.g. disconnecting a repository: the button and its question. */
  deleteWording?: { label: string; question: (item: Item) => string };
  children: (item: Item) => ReactNode;
}) {
  const savedRef = useRef<HTMLParagraphElement>(null);
  const saved = editor?.saved ?? 0;
  useEffect(() => {
    if (saved > 0) savedRef.current?.focus();
  }, [saved]);

  if (query.isPending) return <Loading label={`Loading ${noun}`} />;
  if (query.isError) {
    return (
      <>
        <PageHeader title={noun.charAt(0).toUpperCase() + noun.slice(1)} />
        <ErrorMessage error={query.error} />
        <p>
          <Link to={list.to}>Back to all {list.title.toLowerCase()}</Link>
        </p>
      </>
    );
  }
  const item = query.data;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to={list.to}>{list.title}</Link> <span aria-hidden="true">/</span>{' '}
        <span aria-current="page">{item.name}</span>
      </nav>
      <PageHeader
        title={item.name}
        description={describe(item)}
        actions={
          editor &&
          !editor.editing && (
            <>
              <button type="button" className="button" onClick={editor.startEditing}>
                Edit {noun}
              </button>
              <ConfirmButton
                label={deleteWording?.label ?? `Delete ${noun}`}
                question={deleteWording?.question(item) ?? `Delete ${item.name}?`}
                busy={editor.deletion.isPending}
                onConfirm={() => editor.deletion.mutate()}
              />
            </>
          )
        }
      />
      <p role="status" className="success" tabIndex={-1} ref={savedRef}>
        {saved > 0 && !editor?.editing && 'Saved your changes.'}
      </p>
      <ErrorMessage error={editor?.deletion.error} />
      {children(item)}
    </>
  );
}
