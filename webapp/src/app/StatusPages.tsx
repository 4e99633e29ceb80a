import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ButtonLink } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { EmptyState } from '../components/ui/States';
import { useTitle } from '../lib/useTitle';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <div className="mx-auto max-w-2xl pt-8">
      <Card>
        <EmptyState
          title="Page not found"
          description="There is nothing at this address. It may have moved, or the link may be wrong."
          action={<ButtonLink to="/">Go home</ButtonLink>}
        />
      </Card>
    </div>
  );
}

export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unknown error';
  return (
    <div className="mx-auto max-w-2xl p-8">
      <Card>
        <EmptyState
          title="An error occurred while rendering this page"
          description={message}
          action={<ButtonLink to="/">Go home</ButtonLink>}
        />
      </Card>
    </div>
  );
}
