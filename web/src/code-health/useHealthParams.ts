import { useSearchParams } from 'react-router-dom';
import { isIsoDate, todayUtc } from '../components/window-dates.ts';
import { monthsBefore } from './health-window.ts';

export const healthTabs = [
  { id: 'hotspots', label: 'Hotspots' },
  { id: 'ownership', label: 'Ownership' },
  { id: 'coupling', label: 'Coupling' },
  { id: 'contribution', label: 'Contribution' },
] as const;
export type HealthTab = (typeof healthTabs)[number]['id'];

export const couplingDefaults = { minRevisions: 5, minShared: 5, minDegree: 0.3, maxFiles: 30 };
export type CouplingThresholds = typeof couplingDefaults;

/**
 * Everything the code-health page shows is in its URL, so a link shares the same view: the scope
 * (repository or team), the window, the tab, the selected file, and each tab's settings.
 */
export function useHealthParams() {
  const [search, setSearch] = useSearchParams();
  const to = isIsoDate(search.get('to')) ? (search.get('to') as string) : todayUtc();
  const fromParam = search.get('from');
  const from = isIsoDate(fromParam) && fromParam <= to ? fromParam : monthsBefore(to, 12);
  const tab = healthTabs.find((one) => one.id === search.get('tab'))?.id ?? 'hotspots';
  const number = (name: keyof CouplingThresholds) => {
    const value = Number(search.get(name));
    return search.get(name) && Number.isFinite(value) ? value : couplingDefaults[name];
  };

  /**
   * Sets the given parameters (undefined or '' removes one), keeping the others. A new view
   * (scope, tab, file) is a step Back returns from; `replace` is for typing in a field.
   */
  function update(
    changes: Record<string, string | number | undefined>,
    { replace = false }: { replace?: boolean } = {},
  ) {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, String(value));
    }
    setSearch(next, { replace });
  }

  return {
    repository: search.get('repository') ?? undefined,
    team: search.get('team') ?? undefined,
    from,
    to,
    tab,
    file: search.get('file') ?? undefined,
    fileIn: search.get('in') ?? undefined,
    measure: search.get('measure') === 'lines' ? ('lines' as const) : ('commits' as const),
    coupling: {
      minRevisions: number('minRevisions'),
      minShared: number('minShared'),
      minDegree: number('minDegree'),
      maxFiles: number('maxFiles'),
    },
    update,
  };
}
export type HealthParams = ReturnType<typeof useHealthParams>;
