import { useQuery } from '@tanstack/react-query';
import { listAll, listServices } from '../api.ts';

/** Every service, for pickers and names. */
export function useAllServices() {
  return useQuery({ queryKey: ['services', 'all'], queryFn: () => listAll(listServices) });
}
