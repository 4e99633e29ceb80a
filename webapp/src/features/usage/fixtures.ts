import type { Usage } from '../../api/types';

/** A usage total as the platform answers it, with every count zero unless given. */
export function usage(overrides: Partial<Usage> = {}): Usage {
  return {
    month: undefined,
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    costUsd: 0,
    unpricedRequests: 0,
    unmeteredRequests: 0,
    ...overrides,
  };
}
