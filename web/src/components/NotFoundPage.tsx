import { Link } from 'react-router-dom';
import { EmptyState } from './EmptyState.tsx';
import { PageHeader } from './PageHeader.tsx';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address.">
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </EmptyState>
    </>
  );
}
