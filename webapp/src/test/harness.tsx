import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { Toaster } from 'sonner';
import { vi } from 'vitest';
import { MutationCache } from '@tanstack/react-query';
import { notifyMutationError } from '../api/queryClient';

/** The user the fake platform has signed in. */
export const signedIn = { id: 'u-1', email: 'ada@example.test', name: 'Ada', role: 'admin', active: true };

/** One recorded request the code under test made. */
export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

interface Route {
  method: string;
  path: string | RegExp;
  reply: (call: Call) => { status: number; body?: unknown };
}

/**
 * A stand-in for the platform at the network level: `fetch` is replaced, each request is matched against the routes
 * (method + path), recorded, and answered with the given status and JSON body. Unmatched requests fail the test.
 */
export function fakeApi() {
  const routes: Route[] = [];
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api/, '');
    let body: unknown = undefined;
    if (init?.body instanceof FormData) {
      body = init.body;
    } else if (typeof init?.body === 'string') {
      body = JSON.parse(init.body);
    }
    const call: Call = { method, path, query: url.searchParams, body };
    calls.push(call);
    const route = [...routes]
      .reverse()
      .find((r) => r.method === method && (typeof r.path === 'string' ? r.path === path : r.path.test(path)));
    if (!route) {
      throw new Error(`No fake for ${method} ${path}`);
    }
    const { status, body: replyBody } = route.reply(call);
    return new Response(replyBody === undefined ? null : JSON.stringify(replyBody), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  // a signed-in administrator unless a test says otherwise (later routes win)
  routes.push(
    { method: 'GET', path: '/auth/setup-status', reply: () => ({ status: 200, body: { requiresInitialUser: false, authEnabled: true } }) },
    { method: 'GET', path: '/auth/me', reply: () => ({ status: 200, body: { user: signedIn, authenticatedBy: 'session', scope: 'admin' } }) },
  );
  const api = {
    calls,
    on(method: string, path: string | RegExp, reply: Route['reply'] | { status?: number; body?: unknown }) {
      routes.push({
        method,
        path,
        reply: typeof reply === 'function' ? reply : () => ({ status: reply.status ?? 200, body: reply.body }),
      });
      return api;
    },
    /** Calls made with this method to paths matching `path`. */
    made(method: string, path: string | RegExp) {
      return calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
    },
  };
  return api;
}

export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
    mutationCache: new MutationCache({
      onError: (error, _v, _c, mutation) => notifyMutationError(error, mutation.meta?.fieldErrorsInline === true),
    }),
  });
}

/** Renders routes at a URL, with the app's providers; returns the router to inspect the location. */
export function renderRoutes(routes: RouteObject[], url: string, client: QueryClient = testQueryClient()) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { router, client, ...view };
}

export function wrapper(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export const project = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Acme Shop',
  slug: 'acme-shop',
  autoFixEnabled: false,
  autoFixTags: [],
  archived: false,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};

export function ticket(overrides: Record<string, unknown> = {}) {
  return {
    id: '22222222-2222-4222-8222-222222222222',
    projectId: project.id,
    title: 'Checkout button does nothing',
    description: 'Nothing happens on Safari.',
    severity: 'high',
    category: 'Checkout',
    status: 'open',
    workflowPhase: 'research',
    archived: false,
    autoFixRequested: false,
    ticketSystem: 'custom',
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    media: [],
    ...overrides,
  };
}

export function page<T>(data: T[], total = data.length) {
  return { data, pagination: { limit: 25, offset: 0, count: data.length, total } };
}
