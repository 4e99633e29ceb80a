import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { Toaster } from 'sonner';
import { createQueryClient } from '../api/queryClient';
import { createAppRouter } from './routes';
import { useThemeChoice } from './useThemeChoice';

export function App() {
  const [client] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  const { choice } = useThemeChoice();
  return (
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster position="bottom-right" richColors closeButton duration={5000} theme={choice} />
    </QueryClientProvider>
  );
}
