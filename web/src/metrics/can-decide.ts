import type { Metric, User } from '../api.ts';
import { canEditOrg } from '../auth/useSession.ts';

/**
 * Whether the user may state a metric's rule, review it and link it: its owner or a co-owner
 * (unless a viewer), an admin or a leader. The server checks the same.
 */
export function canDecide(metric: Metric, user: User): boolean {
  if (canEditOrg(user.role)) return true;
  if (user.role === 'viewer') return false;
  return (
    metric.ownerId === user.personId ||
    metric.coOwners.some((owner) => owner.personId === user.personId)
  );
}
