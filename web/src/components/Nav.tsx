import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import type { Role } from '../api.ts';
import { NotificationsNavLabel } from '../notifications/NotificationsNavLabel.tsx';

type Item = { to: string; label: ReactNode; roles?: readonly Role[] };
type Section = { title: string; items: Item[] };

/** Grouped so that later features (sources, metrics, outcomes) get a section of their own. */
const sections: Section[] = [
  {
    title: 'Overview',
    items: [
      { to: '/', label: 'Home' },
      { to: '/notifications', label: <NotificationsNavLabel /> },
    ],
  },
  {
    title: 'Organisation',
    items: [
      { to: '/teams', label: 'Teams' },
      { to: '/people', label: 'People' },
    ],
  },
  {
    title: 'Code',
    items: [
      { to: '/repositories', label: 'Repositories' },
      { to: '/services', label: 'Services' },
      { to: '/code-health', label: 'Code health' },
      { to: '/git-identities', label: 'Identities', roles: ['admin', 'leader'] },
    ],
  },
  {
    title: 'Delivery',
    items: [
      { to: '/delivery', label: 'Delivery' },
      { to: '/incidents', label: 'Incidents' },
    ],
  },
  { title: 'Outcomes', items: [{ to: '/metric-catalog', label: 'Metrics' }] },
  {
    title: 'Settings',
    items: [
      { to: '/tokens', label: 'API tokens' },
      { to: '/jobs', label: 'Jobs', roles: ['admin', 'leader'] },
      { to: '/users', label: 'Users', roles: ['admin'] },
      { to: '/settings', label: 'Organisation settings', roles: ['admin'] },
      { to: '/audit', label: 'Audit log', roles: ['admin'] },
    ],
  },
  { title: 'Help', items: [{ to: '/reference', label: 'API reference' }] },
];

export function Nav({ role }: { role: Role }) {
  return (
    <nav aria-label="Main" className="nav">
      {sections.map((section) => {
        const items = section.items.filter((item) => !item.roles || item.roles.includes(role));
        if (items.length === 0) return null;
        return (
          <div key={section.title} className="nav-section">
            <h2 className="nav-title" id={`nav-${section.title}`}>
              {section.title}
            </h2>
            <ul aria-labelledby={`nav-${section.title}`}>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} className="nav-link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
