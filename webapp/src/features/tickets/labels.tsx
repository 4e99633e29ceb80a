import type { LifecycleStatus, Severity, WorkflowPhase } from '../../api/types';
import { Badge, type Tone } from '../../components/ui/Badge';

export const STATUS_LABEL: Record<LifecycleStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  in_review: 'In review',
  resolved: 'Resolved',
};
export const STATUS_TONE: Record<LifecycleStatus, Tone> = {
  open: 'blue',
  in_progress: 'amber',
  in_review: 'violet',
  resolved: 'green',
};

export const PHASE_LABEL: Record<WorkflowPhase, string> = {
  research: 'Research',
  planning: 'Planning',
  execution: 'Execution',
};
export const PHASE_TONE: Record<WorkflowPhase, Tone> = {
  research: 'amber',
  planning: 'violet',
  execution: 'cyan',
};

export const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
export const SEVERITY_TONE: Record<Severity, Tone> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export function StatusBadge({ status }: { status: LifecycleStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function PhaseBadge({ phase }: { phase: WorkflowPhase }) {
  return <Badge tone={PHASE_TONE[phase]}>{PHASE_LABEL[phase]}</Badge>;
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONE[severity]}>{SEVERITY_LABEL[severity]}</Badge>;
}
