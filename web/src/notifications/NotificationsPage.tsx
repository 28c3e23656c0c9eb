import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../api.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { usePagedQuery } from '../components/usePagedQuery.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { notificationsKey, useUnreadCount } from './useUnreadCount.ts';

/** The signed-in person's notifications, newest first, unread ones marked; marking them read. */
export function NotificationsPage() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const { query, items } = usePagedQuery([...notificationsKey, 'list'], listNotifications);
  const { data: unread = 0 } = useUnreadCount();
  const refetch = () => queryClient.invalidateQueries({ queryKey: notificationsKey });
  const markOne = useMutation({ mutationFn: markNotificationRead, onSuccess: refetch });
  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: async ({ marked }) => {
      await refetch();
      setStatus(`Marked ${marked} ${marked === 1 ? 'notification' : 'notifications'} read.`);
    },
  });

  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          unread > 0
            ? `${unread} unread. What happened to the metrics you own or act on, newest first.`
            : 'What happened to the metrics you own or act on, newest first.'
        }
        actions={
          <button
            type="button"
            className="button"
            onClick={() => markAll.mutate()}
            disabled={unread === 0 || markAll.isPending}
          >
            {markAll.isPending ? 'Marking…' : 'Mark all read'}
          </button>
        }
      />
      <p role="status" className="success">
        {status}
      </p>
      <ErrorMessage error={query.error ?? markOne.error ?? markAll.error} />
      {query.isPending ? (
        <Loading label="Loading notifications" />
      ) : items.length === 0 ? (
        <EmptyState title="No notifications yet.">
          <p>When a rule of a metric you own or act on fires, it shows here.</p>
        </EmptyState>
      ) : (
        <ul className="notification-list">
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              pending={markOne.isPending && markOne.variables === notification.id}
              onRead={() => {
                setStatus('');
                markOne.mutate(notification.id);
              }}
            />
          ))}
        </ul>
      )}
      <LoadMore query={query} />
    </>
  );
}
