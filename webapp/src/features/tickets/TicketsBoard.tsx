import { Link } from 'react-router';
import { STATUSES, type Ticket } from '../../api/types';
import { dotClass } from '../../components/ui/Badge';
import { relativeTime } from '../../lib/format';
import { PhaseBadge, SeverityBadge, STATUS_LABEL, STATUS_TONE } from './labels';

/** The page's tickets in one column per lifecycle status. */
export function TicketsBoard({
  tickets,
  projectSlug,
  selected,
  onToggle,
}: {
  tickets: Ticket[];
  projectSlug: string;
  selected: Set<string>;
  onToggle: (ticket: Ticket) => void;
}) {
  return (
    <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
      {STATUSES.map((status) => {
        const column = tickets.filter((ticket) => ticket.status === status);
        return (
          <section
            key={status}
            aria-label={STATUS_LABEL[status]}
            className="flex min-h-40 flex-col rounded-xl bg-zinc-100/70 p-2 ring-1 ring-zinc-200 dark:bg-zinc-900/60 dark:ring-zinc-800"
          >
            <header className="flex items-center gap-2 px-2 pt-1 pb-2.5">
              <span className={`size-2 rounded-full ${dotClass(STATUS_TONE[status])}`} aria-hidden="true" />
              <h2 className="text-sm font-semibold text-zinc-800 dark:text-zinc-200">{STATUS_LABEL[status]}</h2>
              <span className="ml-auto rounded-full bg-white px-2 text-xs font-medium text-zinc-600 tabular-nums ring-1 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700">
                {column.length}
              </span>
            </header>
            <ul className="flex flex-1 flex-col gap-2">
              {column.map((ticket) => (
                <li
                  key={ticket.id}
                  className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
                >
                  <div className="mb-1.5 flex items-center gap-2 text-xs text-zinc-500">
                    <input
                      type="checkbox"
                      className="size-3.5 accent-brand-600"
                      aria-label={`Select ${ticket.title}`}
                      checked={selected.has(ticket.id)}
                      onChange={() => onToggle(ticket)}
                    />
                    <span className="truncate">{ticket.category}</span>
                    <span className="ml-auto whitespace-nowrap">{relativeTime(ticket.createdAt)}</span>
                  </div>
                  <Link
                    to={`/projects/${projectSlug}/tickets/${ticket.id}`}
                    className="line-clamp-2 text-sm font-medium text-zinc-900 hover:text-brand-700 dark:text-zinc-100 dark:hover:text-brand-400"
                  >
                    {ticket.title}
                  </Link>
                  <div className="mt-2.5 flex flex-wrap gap-1.5">
                    <SeverityBadge severity={ticket.severity} />
                    <PhaseBadge phase={ticket.workflowPhase} />
                  </div>
                </li>
              ))}
              {column.length === 0 && (
                <li className="px-2 py-6 text-center text-xs text-zinc-400 dark:text-zinc-500">No tickets</li>
              )}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
