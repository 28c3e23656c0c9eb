import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';

/** What the page after a navigation should announce, carried in the location's state. */
export type NoticeState = { notice?: string };

/**
 * Editing and deleting the thing a detail page shows. After either, the queries under
 * `invalidate` are fetched again; after saving, `saved` counts up (the page announces it); after
 * deleting, the page is replaced by `afterDelete`, which announces `deletedNotice()`.
 * Spread `form` on the edit form.
 */
export function useEditAndDelete<Input>({
  update,
  remove,
  invalidate,
  afterDelete,
  deletedNotice,
}: {
  update: (input: Input) => Promise<unknown>;
  remove: () => Promise<unknown>;
  invalidate: QueryKey[];
  afterDelete: string;
  deletedNotice: () => string;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(0);

  async function refetch() {
    for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey });
  }
  const save = useMutation({
    mutationFn: update,
    onSuccess: async () => {
      await refetch();
      setEditing(false);
      setSaved((count) => count + 1);
    },
  });
  const deletion = useMutation({
    mutationFn: remove,
    onMutate: () => setSaved(0),
    onSuccess: async () => {
      const notice = deletedNotice();
      await refetch();
      navigate(afterDelete, { replace: true, state: { notice } satisfies NoticeState });
    },
  });

  return {
    editing,
    saved,
    startEditing: () => {
      setSaved(0);
      deletion.reset();
      setEditing(true);
    },
    deletion,
    form: {
      submitLabel: 'Save changes',
      pending: save.isPending,
      error: save.error,
      onSubmit: (input: Input) => save.mutate(input),
      onCancel: () => {
        save.reset();
        setEditing(false);
      },
    },
  };
}
