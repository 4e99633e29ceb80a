import { Link } from 'react-router';
import type { Ticket } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { Card } from '../../components/ui/Card';
import { relativeTime } from '../../lib/format';
import { PhaseBadge, SeverityBadge, StatusBadge } from './labels';

const th = 'px-3 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const td = 'px-3 py-3 align-middle';

export function TicketsTable({
  tickets,
  projectSlug,
  selected,
  onToggle,
  onToggleAll,
}: {
  tickets: Ticket[];
  projectSlug: string;
  selected: Set<string>;
  onToggle: (ticket: Ticket) => void;
  onToggleAll: (all: boolean) => void;
}) {
  const allSelected = tickets.length > 0 && tickets.every((ticket) => selected.has(ticket.id));
  return (
    <Card className="overflow-hidden">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
            <tr>
              <th className="w-10 px-3 py-2.5">
                <input
                  type="checkbox"
                  className="size-4 accent-brand-600"
                  aria-label="Select all visible tickets"
                  checked={allSelected}
                  onChange={(event) => onToggleAll(event.target.checked)}
                />
              </th>
              <th className={th}>Title</th>
              <th className={th}>Severity</th>
              <th className={th}>Status</th>
              <th className={th}>Phase</th>
              <th className={th}>Category</th>
              <th className={th}>Reported</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {tickets.map((ticket) => (
              <tr
                key={ticket.id}
                className={
                  selected.has(ticket.id)
                    ? 'bg-brand-50/60 dark:bg-brand-500/5'
                    : 'hover:bg-zinc-50 dark:hover:bg-zinc-800/40'
                }
              >
                <td className={td}>
                  <input
                    type="checkbox"
                    className="size-4 accent-brand-600"
                    aria-label={`Select ${ticket.title}`}
                    checked={selected.has(ticket.id)}
                    onChange={() => onToggle(ticket)}
                  />
                </td>
                <td className={`${td} max-w-md`}>
                  <Link
                    to={`/projects/${projectSlug}/tickets/${ticket.id}`}
                    className="block truncate font-medium text-zinc-900 hover:text-brand-700 dark:text-zinc-100 dark:hover:text-brand-400"
                  >
                    {ticket.title}
                  </Link>
                  {(ticket.autoFixRequested || ticket.archived || ticket.awaitingTrust) && (
                    <div className="mt-1 flex gap-1.5">
                      {ticket.autoFixRequested && <Badge tone="brand">Auto-fix</Badge>}
                      {ticket.archived && <Badge>Archived</Badge>}
                      {ticket.awaitingTrust && <Badge tone="amber">Awaiting approval</Badge>}
                    </div>
                  )}
                </td>
                <td className={td}>
                  <SeverityBadge severity={ticket.severity} />
                </td>
                <td className={td}>
                  <StatusBadge status={ticket.status} />
                </td>
                <td className={td}>
                  <PhaseBadge phase={ticket.workflowPhase} />
                </td>
                <td className={`${td} text-zinc-600 dark:text-zinc-400`}>{ticket.category}</td>
                <td className={`${td} whitespace-nowrap text-zinc-500`}>
                  <time dateTime={ticket.createdAt} title={new Date(ticket.createdAt).toLocaleString()}>
                    {relativeTime(ticket.createdAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
