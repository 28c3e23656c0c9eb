import { Link } from 'react-router-dom';
import type { Notification } from '../api.ts';
import { RelativeTime } from '../components/RelativeTime.tsx';

/** One notification: what happened, linking to the page it is about; unread ones say so. */
export function NotificationItem({
  notification,
  onRead,
  pending,
}: {
  notification: Notification;
  onRead: () => void;
  pending: boolean;
}) {
  const { title, body, link, createdAt, readAt } = notification;
  const unread = readAt === null;
  const onOpen = unread ? onRead : undefined;
  return (
    <li className={unread ? 'notification notification-unread' : 'notification'}>
      <div className="notification-text">
        <p className="notification-title">
          {unread && <span className="badge">Unread</span>}{' '}
          {!link ? (
            title
          ) : /^https?:/.test(link) ? (
            <a href={link} onClick={onOpen}>
              {title}
            </a>
          ) : (
            <Link to={link} onClick={onOpen}>
              {title}
            </Link>
          )}
        </p>
        {body && <p className="notification-body">{body}</p>}
        <p className="hint">
          <RelativeTime value={createdAt} />
        </p>
      </div>
      {unread && (
        <button type="button" className="button button-small" onClick={onRead} disabled={pending}>
          Mark read<span className="visually-hidden">: {title}</span>
        </button>
      )}
    </li>
  );
}
