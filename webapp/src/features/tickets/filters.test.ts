import { describe, expect, it } from 'vitest';
import { parseFilters, serializeFilters, toQuery } from './filters';

describe('ticket filters in the URL', () => {
  it('defaults to the actionable active queue as a table', () => {
    const filters = parseFilters(new URLSearchParams(''));
    expect(filters).toEqual({
      tab: 'active',
      status: 'actionable',
      phase: 'all',
      severity: 'all',
      search: '',
      view: 'table',
      page: 1,
      pageSize: 25,
    });
    expect(serializeFilters(filters).toString()).toBe('');
  });

  it('shows every status in the archive by default', () => {
    expect(parseFilters(new URLSearchParams('tab=archived')).status).toBe('all');
  });

  it('ignores values it does not know', () => {
    const filters = parseFilters(new URLSearchParams('status=bogus&severity=urgent&page=-3&pageSize=7&view=grid'));
    expect(filters.status).toBe('actionable');
    expect(filters.severity).toBe('all');
    expect(filters.page).toBe(1);
    expect(filters.pageSize).toBe(25);
    expect(filters.view).toBe('table');
  });

  it('round-trips through the URL, writing only what differs from the defaults', () => {
    const url = 'tab=archived&status=resolved&phase=planning&severity=critical&search=cart&view=board&page=3&pageSize=50';
    const filters = parseFilters(new URLSearchParams(url));
    expect(parseFilters(serializeFilters(filters))).toEqual(filters);
    expect(serializeFilters({ ...filters, tab: 'active', status: 'actionable', page: 1 }).toString()).toBe(
      'phase=planning&severity=critical&search=cart&view=board&pageSize=50',
    );
  });

  it('becomes the API query, with server-side paging', () => {
    const query = toQuery(parseFilters(new URLSearchParams('severity=high&page=3&pageSize=50&search=cart')), 'shop');
    expect(query).toEqual({
      projectSlug: 'shop',
      archived: 'exclude',
      statuses: ['open', 'in_progress', 'in_review'],
      workflowPhases: undefined,
      severity: ['high'],
      search: 'cart',
      limit: 50,
      offset: 100,
    });
    expect(toQuery(parseFilters(new URLSearchParams('tab=archived')), 'shop')).toMatchObject({
      archived: 'only',
      statuses: undefined,
    });
  });
});
