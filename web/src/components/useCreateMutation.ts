import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

/**
 * The mutation behind a "New …" form: on success the form is cleared, what was created is kept to
 * announce, and the queries under `invalidate` are fetched again. Spread `form` on a SubmitForm.
 */
export function useCreateMutation<Input, Created>(
  create: (input: Input) => Promise<Created>,
  invalidate: QueryKey[],
) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const mutation = useMutation({
    mutationFn: ({ input }: { input: Input; form: HTMLFormElement }) => create(input),
    onSuccess: async (result, { form }) => {
      form.reset();
      setCreated(result);
      for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey });
    },
  });
  return {
    created,
    dismiss: () => setCreated(null),
    form: {
      pending: mutation.isPending,
      error: mutation.error,
      onSubmit: (input: Input, form: HTMLFormElement) => {
        setCreated(null);
        mutation.mutate({ input, form });
      },
    },
  };
}
