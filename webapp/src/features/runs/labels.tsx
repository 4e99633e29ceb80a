import type { RunKind, RunStatus } from '../../api/types';
import { Badge, type Tone } from '../../components/ui/Badge';

export const RUN_STATUS_LABEL: Record<RunStatus, string> = {
  queued: 'Queued',
  active: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const RUN_STATUS_TONE: Record<RunStatus, Tone> = {
  queued: 'gray',
  active: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'yellow',
};
const KIND_TONE: Record<RunKind, Tone> = { research: 'amber', planning: 'violet', execution: 'cyan', claw: 'gray' };
const KIND_LABEL: Record<RunKind, string> = {
  research: 'Research',
  planning: 'Planning',
  execution: 'Execution',
  claw: 'Scheduled task',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge tone={RUN_STATUS_TONE[status]} dot className={status === 'active' ? '[&>span]:animate-pulse' : undefined}>
      {RUN_STATUS_LABEL[status]}
    </Badge>
  );
}

export function RunKindBadge({ kind }: { kind: RunKind }) {
  return <Badge tone={KIND_TONE[kind]}>{KIND_LABEL[kind]}</Badge>;
}

/** "42 s", "3 min 5 s", "1 h 2 min"; from start to end, or to now while running. */
export function duration(startIso: string | undefined, endIso: string | undefined, now: Date = new Date()): string {
  if (!startIso) {
    return '—';
  }
  const seconds = Math.max(0, Math.round(((endIso ? new Date(endIso) : now).getTime() - new Date(startIso).getTime()) / 1000));
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${seconds % 60} s`;
  }
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
