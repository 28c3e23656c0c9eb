import type { ReactNode } from 'react';

/** A column heading: its text, or its text with how to show it. */
export type Column = string | { label: string; numeric?: boolean; hidden?: boolean };

/**
 * A full-width table that scrolls sideways on narrow screens. `children` are the rows; `false`
 * columns are left out, for columns only some readers see.
 */
export function DataTable({
  columns,
  children,
}: {
  columns: (Column | false)[];
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>{columns.filter((column) => column !== false).map(renderHeading)}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function renderHeading(column: Column) {
  const {
    label,
    numeric = false,
    hidden = false,
  } = typeof column === 'string' ? { label: column } : column;
  return (
    <th key={label} scope="col" className={numeric ? 'numeric' : undefined}>
      {hidden ? <span className="visually-hidden">{label}</span> : label}
    </th>
  );
}
