import type { Role } from '../api.ts';

/** Members and up record and change incidents; viewers only read. */
export function canRecord(role: Role): boolean {
  return role !== 'viewer';
}
