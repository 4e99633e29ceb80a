import { useEffect, useId, useMemo, useState } from 'react';
import { toast } from 'sonner';
import type { Ticket } from '../../api/types';
import { PHASES, SEVERITIES, STATUSES } from '../../api/types';
import { Button, ButtonLink } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Input, Select } from '../../components/ui/Field';
import { ArchiveIcon, BoardIcon, PlusIcon, SearchIcon, TableIcon, TicketIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { Segmented } from '../../components/ui/Segmented';
import { EmptyState, ErrorState, LoadingBlock } from '../../components/ui/States';
import { useTitle } from '../../lib/useTitle';
import { useCurrentProject } from '../projects/ProjectLayout';
import { useArchiveTickets, useTickets } from './api';
import { PAGE_SIZES, toQuery, useTicketFilters, type StatusFilter } from './filters';
import { PHASE_LABEL, SEVERITY_LABEL, STATUS_LABEL } from './labels';
import { TicketsBoard } from './TicketsBoard';
import { TicketsTable } from './TicketsTable';

export function TicketsPage() {
  const project = useCurrentProject();
  useTitle(`Tickets · ${project.name}`);
  const { filters, update } = useTicketFilters();
  const tickets = useTickets(toQuery(filters, project.slug));
  const archive = useArchiveTickets();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = useMemo(() => tickets.data?.data ?? [], [tickets.data]);
  const total = tickets.data?.pagination.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  const archivedTab = filters.tab === 'archived';

  // a selection only ever holds tickets the page shows
  useEffect(() => {
    setSelected((current) => new Set([...current].filter((id) => rows.some((ticket) => ticket.id === id))));
  }, [rows]);

  const toggle = (ticket: Ticket) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(ticket.id)) {
        next.delete(ticket.id);
      } else {
        next.add(ticket.id);
      }
      return next;
    });

  const bulkArchive = () =>
    archive.mutate(
      { ids: [...selected], archive: !archivedTab },
      {
        onSuccess: (result) => {
          const count = result.updatedCount ?? selected.size;
          toast.success(`${count} ${count === 1 ? 'ticket' : 'tickets'} ${archivedTab ? 'unarchived' : 'archived'}`);
          setSelected(new Set());
        },
      },
    );

  const base = `/projects/${project.slug}`;
  return (
    <>
      <PageHeader
        title="Tickets"
        crumbs={[
          { label: 'Projects', to: '/' },
          { label: project.name, to: base },
          { label: 'Tickets' },
        ]}
        actions={
          !project.archived && (
            <ButtonLink to={`${base}/tickets/new`}>
              <PlusIcon /> Create ticket
            </ButtonLink>
          )
        }
      />

      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <Segmented
          label="Queue"
          value={filters.tab}
          options={[
            { value: 'active', label: 'Active queue' },
            { value: 'archived', label: 'Archived' },
          ]}
          onChange={(tab) => update({ tab })}
        />
        <Segmented
          label="View"
          value={filters.view}
          options={[
            { value: 'table', label: <><TableIcon /> Table</> },
            { value: 'board', label: <><BoardIcon /> Board</> },
          ]}
          onChange={(view) => update({ view, page: filters.page })}
        />
      </div>

      <Card className="mb-4">
        <div className="flex flex-wrap items-end gap-3 p-3" role="search" aria-label="Filter tickets">
          <SearchBox value={filters.search} onChange={(search) => update({ search })} />
          <FilterSelect
            label="Status"
            value={filters.status}
            onChange={(status) => update({ status: status as StatusFilter })}
            options={[
              ...(archivedTab ? [] : [{ value: 'actionable', label: 'Needs attention' }]),
              { value: 'all', label: 'All statuses' },
              ...STATUSES.map((status) => ({ value: status, label: STATUS_LABEL[status] })),
            ]}
          />
          <FilterSelect
            label="Phase"
            value={filters.phase}
            onChange={(phase) => update({ phase: phase as typeof filters.phase })}
            options={[
              { value: 'all', label: 'All phases' },
              ...PHASES.map((phase) => ({ value: phase, label: PHASE_LABEL[phase] })),
            ]}
          />
          <FilterSelect
            label="Severity"
            value={filters.severity}
            onChange={(severity) => update({ severity: severity as typeof filters.severity })}
            options={[
              { value: 'all', label: 'All severities' },
              ...SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_LABEL[severity] })),
            ]}
          />
        </div>
      </Card>

      <div className="mb-3 flex min-h-9 flex-wrap items-center gap-3 text-sm text-zinc-600 dark:text-zinc-400">
        <span aria-live="polite">
          {tickets.isSuccess && `${total} ${total === 1 ? 'ticket' : 'tickets'} total`}
          {selected.size > 0 && ` · ${selected.size} selected`}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <Button
            size="sm"
            variant="ghost"
            disabled={rows.length === 0}
            onClick={() => setSelected(new Set(rows.map((ticket) => ticket.id)))}
          >
            Select visible
          </Button>
          <Button size="sm" variant="ghost" disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={selected.size === 0}
            loading={archive.isPending}
            onClick={bulkArchive}
          >
            <ArchiveIcon /> {archivedTab ? 'Unarchive selected' : 'Archive selected'}
          </Button>
        </div>
      </div>

      {tickets.isPending ? (
        <Card>
          <LoadingBlock lines={6} className="p-5" />
        </Card>
      ) : tickets.isError ? (
        <ErrorState error={tickets.error} onRetry={() => void tickets.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState
            icon={<TicketIcon className="size-6" />}
            title={archivedTab ? 'No archived tickets match' : 'No tickets match these filters'}
            description={
              filters.status === 'actionable' && !filters.search
                ? 'Nothing needs attention. Show all statuses to see resolved tickets.'
                : 'Try another status, phase, severity or search.'
            }
            action={
              <Button variant="secondary" onClick={() => update({ status: 'all', phase: 'all', severity: 'all', search: '' })}>
                Show all tickets
              </Button>
            }
          />
        </Card>
      ) : filters.view === 'board' ? (
        <TicketsBoard tickets={rows} projectSlug={project.slug} selected={selected} onToggle={toggle} />
      ) : (
        <TicketsTable
          tickets={rows}
          projectSlug={project.slug}
          selected={selected}
          onToggle={toggle}
          onToggleAll={(all) => setSelected(all ? new Set(rows.map((ticket) => ticket.id)) : new Set())}
        />
      )}

      {tickets.isSuccess && total > 0 && (
        <nav className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm" aria-label="Pagination">
          <div className="flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
            <label htmlFor="tickets-page-size" className="whitespace-nowrap">
              Per page
            </label>
            <Select
              id="tickets-page-size"
              className="w-20"
              value={filters.pageSize}
              onChange={(event) => update({ pageSize: Number(event.target.value) })}
            >
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex items-center gap-3">
            <Button
              size="sm"
              variant="secondary"
              disabled={filters.page <= 1}
              onClick={() => update({ page: filters.page - 1 })}
            >
              Previous
            </Button>
            <span className="text-zinc-600 tabular-nums dark:text-zinc-400">
              Page {Math.min(filters.page, pages)} of {pages}
            </span>
            <Button
              size="sm"
              variant="secondary"
              disabled={filters.page >= pages}
              onClick={() => update({ page: filters.page + 1 })}
            >
              Next
            </Button>
          </div>
        </nav>
      )}
    </>
  );
}

function FilterSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        {label}
      </label>
      <Select id={id} className="w-44" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Types freely; the URL (and so the query) follows 300 ms after the last key. */
function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) {
      return undefined;
    }
    const timer = window.setTimeout(() => onChange(text), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="flex min-w-56 flex-1 flex-col gap-1 text-xs font-medium text-zinc-500 dark:text-zinc-400">
      Search
      <span className="relative">
        <SearchIcon className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" />
        <Input
          type="search"
          className="pl-8"
          placeholder="Title or description"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      </span>
    </label>
  );
}
