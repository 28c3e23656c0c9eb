import { useUnreadCount } from './useUnreadCount.ts';

/** "Notifications (3)" in the navigation while 3 are unread; plain "Notifications" without. */
export function NotificationsNavLabel() {
  const { data: unread = 0 } = useUnreadCount();
  return (
    <>
      <svg className="nav-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path
          d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6Zm-2 15a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 ? `Notifications (${unread})` : 'Notifications'}
    </>
  );
}
