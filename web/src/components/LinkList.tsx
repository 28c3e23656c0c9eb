import { Link } from 'react-router-dom';

/** Named links in a row (a team's sub-teams, a person's reports), or a dash when there are none. */
export function LinkList({
  items,
  to,
}: {
  items: { id: string; name: string }[];
  to: (id: string) => string;
}) {
  if (items.length === 0) return <>—</>;
  return (
    <ul className="inline-list">
      {items.map((item) => (
        <li key={item.id}>
          <Link to={to(item.id)}>{item.name}</Link>
        </li>
      ))}
    </ul>
  );
}
