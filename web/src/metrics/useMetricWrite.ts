import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A write on the metric page; once it succeeds every metric query is fetched again (a rule, a review or a link changes the flags, the chart and the firings).
 */
export function useMetricWrite<Input, Result>(
  write: (input: Input) => Promise<Result>,
  onDone?: (result: Result) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: ['metrics'] });
      onDone?.(result);
    },
  });
}
