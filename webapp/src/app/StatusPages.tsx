import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ButtonLink } from '../components/ui/Button';
import { Card } from '../components/ui/Card';
import { ClockIcon } from '../components/ui/icons';
import { EmptyState } from '../components/ui/States';
import { useTitle } from '../lib/useTitle';

/** A section whose backend is not built yet: says so plainly instead of showing a mock-up. */
export function NotAvailablePage({ feature, note }: { feature: string; note: string }) {
  useTitle(feature);
  return (
    <div className="mx-auto max-w-2xl pt-8">
      <Card>
        <EmptyState
          icon={<ClockIcon className="size-6" />}
          title={`${feature} are not available yet`}
          description={note}
          action={
            <ButtonLink to="/" variant="secondary">
              Back to projects
            </ButtonLink>
          }
        />
      </Card>
    </div>
  );
}

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
