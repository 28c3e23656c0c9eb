import { Link } from 'react-router-dom';

/** A link to a named record, or a muted dash when there is none. */
export function NamedLink({
  item,
  to,
}: {
  item: { id: string; name: string } | undefined;
  to: (id: string) => string;
}) {
  return item ? <Link to={to(item.id)}>{item.name}</Link> : <span className="muted">—</span>;
}
