/**
 * The typed API client: JSON over fetch against the platform's `/api`, and one error type built from the platform's
 * error envelope `{error, message, details: [{field, message}], code}`.
 */

export interface FieldError {
  field: string;
  message: string;
}

/** The platform's error envelope (infra/errors/ErrorBody); it is not part of the OpenAPI description. */
export interface ErrorEnvelope {
  error?: string;
  message?: string;
  details?: FieldError[];
  code?: string;
  errorId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: FieldError[];
  readonly errorId: string | undefined;

  constructor(status: number, envelope: ErrorEnvelope) {
    super(envelope.message || envelope.error || `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = envelope.code;
    this.details = envelope.details ?? [];
    this.errorId = envelope.errorId;
  }

  /**
   * Field errors keyed by the form field they belong to. The platform names fields by JSON path
   * (`autoFixTags[0]`, `metadata.browser`); a form field takes the first message of its own path or any path under it.
   */
  fieldErrors(): Record<string, string> {
    const result: Record<string, string> = {};
    for (const detail of this.details) {
      const key = detail.field.split(/[.[]/)[0] ?? detail.field;
      if (!(key in result)) {
        result[key] = detail.message;
      }
    }
    return result;
  }
}

export type QueryValue = string | number | boolean | undefined | null | readonly string[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as multipart/form-data (the browser sets the boundary). */
  form?: FormData;
  signal?: AbortSignal;
}

export const API_BASE = '/api';

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > 0) {
        params.set(key, value.join(','));
      }
    } else {
      params.set(key, String(value));
    }
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  const method = options.method ?? 'GET';
  if (method !== 'GET') {
    // cookie-signed-in writes must echo the session's CSRF token (the platform sets it in a readable cookie)
    const csrf = csrfToken();
    if (csrf) {
      headers['X-CSRF-Token'] = csrf;
    }
  }
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError(0, { error: 'Network error', message: 'The platform could not be reached.' });
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readEnvelope(response));
  }
  if (response.status === 204) {
    return undefined as T;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The CSRF token the platform set with the session cookie, if signed in. */
export function csrfToken(cookies: string = typeof document === 'undefined' ? '' : document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'vg_csrf' && value.length > 0) {
      return decodeURIComponent(value.join('='));
    }
  }
  return undefined;
}

async function readEnvelope(response: Response): Promise<ErrorEnvelope> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    if (parsed && typeof parsed === 'object') {
      return parsed as ErrorEnvelope;
    }
  } catch {
    // not JSON: a proxy's error page, for instance
  }
  return { error: response.statusText || 'Error', message: `Request failed with status ${response.status}` };
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'POST', body }),
  postForm: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: 'POST', form }),
  put: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
