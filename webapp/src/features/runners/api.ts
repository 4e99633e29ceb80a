import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Page, Runner } from '../../api/types';

export function useRunners() {
  return useQuery({
    queryKey: ['runners', 'list'],
    queryFn: ({ signal }) => api.get<Page<Runner>>('/clankers', { limit: 200 }, signal),
  });
}
