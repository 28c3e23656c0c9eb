import { useSearchParams } from 'react-router-dom';
import { windowOf } from './delivery-window.ts';
import { type DoraKey, isDoraKey } from './dora-keys.ts';

/**
 * Everything the delivery dashboard shows is in its URL, so a link shares the same view: the
 * scope (a service or a team), the window, and the key whose deployments the table lists.
 */
export function useDeliveryParams() {
  const [search, setSearch] = useSearchParams();
  const key = search.get('key');

  /** Sets the given parameters (undefined removes one); `replace` is for typing in a field. */
  function update(
    changes: Record<string, string | undefined>,
    { replace = false }: { replace?: boolean } = {},
  ) {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, value);
    }
    setSearch(next, { replace });
  }

  return {
    service: search.get('service') ?? undefined,
    team: search.get('team') ?? undefined,
    ...windowOf(search),
    key: (isDoraKey(key) ? key : 'frequency') as DoraKey,
    update,
  };
}
export type DeliveryParams = ReturnType<typeof useDeliveryParams>;
