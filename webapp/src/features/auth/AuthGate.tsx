import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { useMe, useSetupStatus } from './api';
import { LoginPage, SetupPage } from './AuthPages';

/**
 * Shows the dashboard to a signed-in user only: first-admin setup on an empty platform, the sign-in page when the
 * platform answers 401, the children otherwise. With authentication off the platform answers as its local admin.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const status = useSetupStatus();
  const needsSetup = status.data?.requiresInitialUser === true;
  const me = useMe(status.isSuccess && !needsSetup);

  if (status.isPending) {
    return <Centered><LoadingBlock /></Centered>;
  }
  if (status.isError) {
    return <Centered><ErrorState error={status.error} onRetry={() => void status.refetch()} /></Centered>;
  }
  if (needsSetup) {
    return <SetupPage />;
  }
  if (me.isPending) {
    return <Centered><LoadingBlock /></Centered>;
  }
  if (me.error instanceof ApiError && me.error.status === 401) {
    return <LoginPage />;
  }
  if (me.isError) {
    return <Centered><ErrorState error={me.error} onRetry={() => void me.refetch()} /></Centered>;
  }
  return <>{children}</>;
}

function Centered({ children }: { children: ReactNode }) {
  return <div className="mx-auto max-w-md px-4 py-24">{children}</div>;
}
