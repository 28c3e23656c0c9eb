import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';

/**
 * The mutation behind a "New …" form: on success the form is cleared, what was created is kept to
 * announce, and the queries under `invalidate` are fetched again. Spread `form` on a SubmitForm;
 * put `createdRef` on the <p> that announces it (with tabIndex -1): focus moves there.
 */
export function useCreateMutation<Input, Created>(
  create: (input: Input) => Promise<Created>,
  invalidate: QueryKey[],
) {
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<Created | null>(null);
  const createdRef = useRef<HTMLParagraphElement>(null);
  const mutation = useMutation({
    mutationFn: ({ input }: { input: Input; form: HTMLFormElement }) => create(input),
    onSuccess: async (result, { form }) => {
      form.reset();
      setCreated(result);
      for (const queryKey of invalidate) await queryClient.invalidateQueries({ queryKey });
    },
  });
  useEffect(() => {
    if (created !== null) createdRef.current?.focus();
  }, [created]);
  return {
    created,
    createdRef,
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
