import { Link } from 'react-router';
import type { ReadinessCheck } from '../../api/types';
import { Badge } from '../../components/ui/Badge';
import { Card, CardHeader } from '../../components/ui/Card';
import { AlertIcon, CircleCheckIcon, CircleIcon } from '../../components/ui/icons';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { humanize } from '../../lib/format';
import { useReadiness } from './api';

/** The project's readiness checklist (`GET /projects/{id}/readiness`) with a link to fix each open item. */
export function ReadinessPanel({ projectId }: { projectId: string }) {
  const readiness = useReadiness(projectId);
  return (
    <Card>
      <CardHeader
        title="Readiness"
        description="What automated runs need before an agent can work on this project."
        actions={
          readiness.data &&
          (readiness.data.automationAvailable ? (
            <Badge tone="green" dot>
              Ready for automation
            </Badge>
          ) : (
            <Badge tone="amber" dot>
              Needs setup
            </Badge>
          ))
        }
      />
      <div className="px-5 py-2">
        {readiness.isPending ? (
          <LoadingBlock className="py-3" />
        ) : readiness.isError ? (
          <div className="py-3">
            <ErrorState error={readiness.error} onRetry={() => void readiness.refetch()} />
          </div>
        ) : (
          <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Readiness checks">
            {readiness.data.checks.map((check) => (
              <CheckRow key={check.key} check={check} />
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function CheckRow({ check }: { check: ReadinessCheck }) {
  const ready = check.state === 'ready';
  return (
    <li className="flex items-start gap-3 py-3" data-state={check.state}>
      <span className="mt-0.5">
        {ready ? (
          <CircleCheckIcon className="size-5 text-emerald-600 dark:text-emerald-400" />
        ) : check.state === 'missing' ? (
          <CircleIcon className="size-5 text-zinc-400" />
        ) : (
          <AlertIcon className="size-5 text-amber-600" />
        )}
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">
          {check.label}
          {!ready && <span className="sr-only"> ({humanize(check.state)})</span>}
        </p>
        {check.summary && <p className="text-sm break-words text-zinc-500 dark:text-zinc-400">{check.summary}</p>}
      </div>
      {!ready && check.remediationUrl && (
        <Link
          to={check.remediationUrl}
          className="shrink-0 text-sm font-medium text-brand-700 hover:text-brand-800 dark:text-brand-400"
        >
          Fix setup →
        </Link>
      )}
    </li>
  );
}
