/** A quiet loading line, announced to screen readers. */
export function Loading({
  label = 'Loading',
  fullPage = false,
}: {
  label?: string;
  fullPage?: boolean;
}) {
  return (
    <p className={fullPage ? 'loading loading-page' : 'loading'} role="status">
      {label}…
    </p>
  );
}
