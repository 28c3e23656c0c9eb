import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';

/**
 * Editing and deleting the thing a detail page shows. After either, the queries under
 * `invalidate` are fetched again; after deleting, the page is replaced by `afterDelete`.
 * Spread `form` on the edit form.
 */
export function useEditAndDelete<Input>({
  update,
  remove,
  invalidate,
  afterDelete,
}: {
  update: (input: Input) => Promise<unknown>;
  remove: () => Promise<unknown>;
  invalidate: QueryKey[];
  afterDelete: string;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);

  async function refetch() {
    for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey });
  }
  const save = useMutation({
    mutationFn: update,
    onSuccess: async () => {
      setEditing(false);
      await refetch();
    },
  });
  const deletion = useMutation({
    mutationFn: remove,
    onSuccess: async () => {
      await refetch();
      navigate(afterDelete, { replace: true });
    },
  });

  return {
    editing,
    startEditing: () => setEditing(true),
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
