import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test/harness';
import { ApiError, api, buildUrl } from './client';

describe('buildUrl', () => {
  it('drops empty values and joins lists with commas', () => {
    expect(buildUrl('/tickets', { projectSlug: 'shop', statuses: ['open', 'in_review'], search: '', severity: [] })).toBe(
      '/api/tickets?projectSlug=shop&statuses=open%2Cin_review',
    );
  });
});

describe('api client', () => {
  it('turns the error envelope into an ApiError whose details map onto form fields', async () => {
    fakeApi().on('PUT', '/projects/p1/scm-config', {
      status: 400,
      body: {
        error: 'Validation error',
        message: '2 fields are invalid',
        code: 'VALIDATION_ERROR',
        details: [
          { field: 'repositoryUrl', message: 'must be an https, ssh, git or file URL' },
          { field: 'autoFixTags[1]', message: 'must not be blank' },
          { field: 'autoFixTags[2]', message: 'second message for the same field' },
        ],
      },
    });

    const error = await api.put('/projects/p1/scm-config', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('VALIDATION_ERROR');
    expect(apiError.message).toBe('2 fields are invalid');
    expect(apiError.fieldErrors()).toEqual({
      repositoryUrl: 'must be an https, ssh, git or file URL',
      autoFixTags: 'must not be blank',
    });
  });

  it('sends JSON bodies and reads JSON answers', async () => {
    const fake = fakeApi().on('POST', '/projects', { status: 201, body: { id: 'p1', name: 'Shop' } });

    const created = await api.post<{ id: string }>('/projects', { name: 'Shop' });

    expect(created.id).toBe('p1');
    expect(fake.made('POST', '/projects')[0]?.body).toEqual({ name: 'Shop' });
  });

  it('answers undefined for an empty 204', async () => {
    fakeApi().on('DELETE', '/projects/p1', { status: 204 });
    await expect(api.delete('/projects/p1')).resolves.toBeUndefined();
  });

  it('reports a non-JSON failure with its status', async () => {
    fakeApi();
    vi.mocked(fetch).mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = (await api.get('/projects').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toBe('Request failed with status 502');
  });

  it('reports an unreachable platform as a network error', async () => {
    fakeApi();
    vi.mocked(fetch).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = (await api.get('/projects').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toBe('The platform could not be reached.');
  });
});
