import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { PHASES, type Ticket, type WorkflowPhase } from '../../api/types';
import { Card, CardBody } from '../../components/ui/Card';
import { CheckIcon } from '../../components/ui/icons';
import { cn } from '../../lib/cn';
import { useCurrentProject } from '../projects/ProjectLayout';
import { isLive } from '../runs/api';
import { PHASE_LABEL } from '../tickets/labels';
import { useExecutionRuns, usePhase } from './api';
import { DocumentPanel } from './DocumentPanel';
import { ExecutionPanel } from './ExecutionPanel';

type StepState = 'completed' | 'current' | 'upcoming';

export function stepState(current: WorkflowPhase, phase: WorkflowPhase): StepState {
  const a = PHASES.indexOf(current);
  const b = PHASES.indexOf(phase);
  return a === b ? 'current' : b < a ? 'completed' : 'upcoming';
}

/** One line under each step: what is happening in that phase. */
function useStepNotes(ticket: Ticket): Record<WorkflowPhase, string> {
  const research = usePhase(ticket.id, 'research');
  const planning = usePhase(ticket.id, 'planning');
  const execution = useExecutionRuns(ticket.id);
  const documentNote = (view: typeof research.data, phase: WorkflowPhase): string => {
    if (!view) {
      return '';
    }
    if (view.latestRun && isLive(view.latestRun.status)) {
      return view.latestRun.status === 'queued' ? 'Run queued' : 'Agent working';
    }
    if (view.document.approvalState === 'approved') {
      return 'Approved';
    }
    if (view.document.approvalState === 'approval_requested') {
      return 'Awaiting approval';
    }
    if (view.document.content.trim() !== '') {
      return `Draft · revision ${view.document.revision}`;
    }
    if (view.latestRun?.status === 'failed') {
      return 'Last run failed';
    }
    return stepState(ticket.workflowPhase, phase) === 'completed' ? 'Skipped' : 'Not started';
  };
  const latest = execution.data?.data[0];
  const executionNote = ticket.pullRequestUrl
    ? 'Pull request opened'
    : latest && isLive(latest.status)
      ? 'Agent working'
      : latest?.status === 'failed'
        ? 'Last run failed'
        : planning.data?.document.approvalState === 'approved' || ticket.workflowOverriddenAt
          ? 'Ready to run'
          : 'Waits for an approved plan';
  return {
    research: documentNote(research.data, 'research'),
    planning: documentNote(planning.data, 'planning'),
    execution: executionNote,
  };
}

/** The research → planning → execution stepper; each step opens its phase below. */
export function PhasesCard({ ticket }: { ticket: Ticket }) {
  const project = useCurrentProject();
  const [selected, setSelected] = useState<WorkflowPhase>(ticket.workflowPhase);
  useEffect(() => setSelected(ticket.workflowPhase), [ticket.workflowPhase]);
  const notes = useStepNotes(ticket);
  const id = useId();
  const runsPath = `/projects/${project.slug}/runs`;

  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    const index = PHASES.indexOf(selected);
    const next =
      event.key === 'ArrowRight' ? Math.min(index + 1, 2) : event.key === 'ArrowLeft' ? Math.max(index - 1, 0) : -1;
    if (next < 0) {
      return;
    }
    event.preventDefault();
    setSelected(PHASES[next]!);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role=tab]')[next]?.focus();
  };

  return (
    <Card>
      <div className="border-b border-zinc-200 px-5 py-4 dark:border-zinc-800">
        <h2 className="mb-3 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Phases</h2>
        <ol role="tablist" aria-label="Phases" className="grid grid-cols-3 gap-2" onKeyDown={onKeyDown}>
          {PHASES.map((phase, index) => {
            const state = stepState(ticket.workflowPhase, phase);
            const isSelected = selected === phase;
            return (
              <li key={phase} className="flex min-w-0" role="presentation">
                <button
                  type="button"
                  role="tab"
                  id={`${id}-${phase}-tab`}
                  aria-selected={isSelected}
                  aria-controls={`${id}-panel`}
                  tabIndex={isSelected ? 0 : -1}
                  onClick={() => setSelected(phase)}
                  className={cn(
                    'flex w-full min-w-0 items-center gap-3 rounded-lg px-3 py-2.5 text-left ring-1 transition',
                    isSelected
                      ? 'bg-brand-50 ring-brand-300 dark:bg-brand-500/10 dark:ring-brand-500/40'
                      : 'ring-zinc-200 hover:bg-zinc-50 dark:ring-zinc-800 dark:hover:bg-zinc-800/50',
                  )}
                >
                  <span
                    className={cn(
                      'flex size-7 shrink-0 items-center justify-center rounded-full text-xs font-semibold',
                      state === 'completed' && 'bg-emerald-600 text-white',
                      state === 'current' && 'bg-brand-600 text-white',
                      state === 'upcoming' && 'bg-zinc-200 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400',
                    )}
                    aria-hidden="true"
                  >
                    {state === 'completed' ? <CheckIcon className="size-4" /> : index + 1}
                  </span>
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">
                      {PHASE_LABEL[phase]}
                      <span className="sr-only">
                        {' '}
                        ({state === 'current' ? 'current phase' : state})
                      </span>
                    </span>
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400" data-testid={`phase-note-${phase}`}>
                      {state === 'current' ? 'Current · ' : ''}
                      {notes[phase]}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
      <CardBody>
        <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${selected}-tab`}>
          {selected === 'execution' ? (
            <ExecutionPanel ticket={ticket} runsPath={runsPath} />
          ) : (
            <DocumentPanel key={selected} ticket={ticket} phase={selected} runsPath={runsPath} />
          )}
        </div>
      </CardBody>
    </Card>
  );
}
