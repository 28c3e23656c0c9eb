import { useSearchParams } from 'react-router-dom';
import type { SeriesQuery } from './decision-api.ts';

/** The spans the chart offers, in periods. */
export const periodChoices = [13, 26, 52, 104] as const;
const defaultPeriods = 26;

/** The chart's span (`?periods=`) and breakdown (`?dimension=`), kept in the URL to share. */
export function useSeriesParams() {
  const [search, setSearch] = useSearchParams();
  const asked = Number(search.get('periods'));
  const periods = (periodChoices as readonly number[]).includes(asked) ? asked : defaultPeriods;
  const query: SeriesQuery = { periods, dimension: search.get('dimension') || undefined };

  function update(name: 'periods' | 'dimension', value: string | undefined) {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  }

  return {
    query,
    setPeriods: (value: number) =>
      update('periods', value === defaultPeriods ? undefined : String(value)),
    setDimension: (value: string | undefined) => update('dimension', value),
  };
}
