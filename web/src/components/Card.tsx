import type { ReactNode } from 'react';

/** A titled panel beside or inside a page, e.g. the form that creates or edits a thing. */
export function Card({
  id,
  title,
  narrow = false,
  children,
}: {
  /** The heading's id is `${id}-title`. */
  id: string;
  title: string;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <section className={narrow ? 'card narrow' : 'card'} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
