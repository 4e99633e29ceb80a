import { MutationCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The form shows the field errors next to its inputs; the toast only points there. */
      fieldErrorsInline?: boolean;
    };
  }
}

/** Every failed mutation is reported once, with the API's own message. Failed loads show inline error states. */
export function notifyMutationError(error: unknown, fieldErrorsInline: boolean): void {
  if (error instanceof ApiError && fieldErrorsInline && error.details.length > 0) {
    toast.error('Check the highlighted fields', { description: error.message });
    return;
  }
  toast.error(error instanceof Error ? error.message : 'Something went wrong');
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: true,
      },
    },
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) =>
        notifyMutationError(error, mutation.meta?.fieldErrorsInline === true),
    }),
  });
}
