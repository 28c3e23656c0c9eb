import { useQuery } from '@tanstack/react-query';
import { listNotifications } from '../api.ts';

export const notificationsKey = ['notifications'] as const;

/** How many of the signed-in person's notifications are unread: every minute and on focus. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...notificationsKey, 'unread'],
    queryFn: () => listNotifications({ unread: 'true', limit: 1 }),
    select: (page) => page.unread,
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
}
