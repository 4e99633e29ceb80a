import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { Card } from '../../components/ui/Card';
import { Select } from '../../components/ui/Field';
import { ClockIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { Tabs } from '../../components/ui/Tabs';
import { formatDateTime, humanize, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useCurrentProject } from '../projects/ProjectLayout';
import { useRunners } from '../runners/api';
import { duration } from '../runs/labels';
import {
  useDeleteSchedule,
  useDeleteTemplate,
  useExecutions,
  useScheduleAction,
  useSchedules,
  useTemplates,
  type ClawTemplate,
  type Execution,
  type Schedule,
} from './api';
import { describeCadence, ScheduleDialog } from './ScheduleDialog';
import { TemplateDialog } from './TemplateDialog';

type Tab = 'schedules' | 'templates' | 'executions';
const TABS: Tab[] = ['schedules', 'templates', 'executions'];

const th = 'px-4 py-2.5 text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400';
const td = 'px-4 py-3 align-middle';

/** Scheduled agent tasks of a project: schedules, the task templates they run, and their executions. */
export function SchedulesPage() {
  useTitle('Schedules');
  const project = useCurrentProject();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'schedules';
  const templates = useTemplates(project.id);
  const schedules = useSchedules(project.id);
  const [templateDialog, setTemplateDialog] = useState<{ template?: ClawTemplate } | null>(null);
  const [scheduleDialog, setScheduleDialog] = useState<{ schedule?: Schedule } | null>(null);
  const templateList = templates.data ?? [];
  const noTemplates = templates.isSuccess && templateList.length === 0;

  return (
    <>
      <PageHeader
        title="Schedules"
        crumbs={[
          { label: 'Projects', to: '/' },
          { label: project.name, to: `/projects/${project.slug}` },
          { label: 'Schedules' },
        ]}
        description="Agent tasks that run on their own — dependency updates every night, flaky-test triage every Monday."
        actions={
          <>
            <Button variant="secondary" onClick={() => setTemplateDialog({})}>
              <PlusIcon /> New template
            </Button>
            <Button
              disabled={noTemplates}
              title={noTemplates ? 'Create a task template first' : undefined}
              onClick={() => setScheduleDialog({})}
            >
              <PlusIcon /> New schedule
            </Button>
          </>
        }
      />
      <Tabs
        label="Schedule views"
        value={tab}
        onChange={(next) => setParams(next === 'schedules' ? {} : { tab: next }, { replace: true })}
        tabs={[
          { value: 'schedules', label: `Schedules${schedules.data ? ` (${schedules.data.length})` : ''}` },
          { value: 'templates', label: `Task templates${templates.data ? ` (${templates.data.length})` : ''}` },
          { value: 'executions', label: 'Executions' },
        ]}
      >
        {tab === 'schedules' &&
          (schedules.isPending || templates.isPending ? (
            <Skeleton className="h-40" />
          ) : schedules.isError ? (
            <ErrorState error={schedules.error} onRetry={() => void schedules.refetch()} />
          ) : schedules.data.length === 0 ? (
            <Card>
              <EmptyState
                icon={<ClockIcon className="size-6" />}
                title="No schedules yet"
                description={
                  noTemplates
                    ? 'Start with a task template: what the agent should do, on which runner. Then schedule it.'
                    : 'Schedule one of your task templates on an interval or a cron expression.'
                }
                action={
                  noTemplates ? (
                    <Button onClick={() => setTemplateDialog({})}>New task template</Button>
                  ) : (
                    <Button onClick={() => setScheduleDialog({})}>New schedule</Button>
                  )
                }
              />
            </Card>
          ) : (
            <ScheduleList schedules={schedules.data} templates={templateList} onEdit={(schedule) => setScheduleDialog({ schedule })} />
          ))}
        {tab === 'templates' &&
          (templates.isPending ? (
            <Skeleton className="h-40" />
          ) : templates.isError ? (
            <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
          ) : templateList.length === 0 ? (
            <Card>
              <EmptyState
                title="No task templates yet"
                description="A template holds the instructions (TASK.md) and the agent runner; schedules run it."
                action={<Button onClick={() => setTemplateDialog({})}>New task template</Button>}
              />
            </Card>
          ) : (
            <TemplateList templates={templateList} schedules={schedules.data ?? []} onEdit={(template) => setTemplateDialog({ template })} />
          ))}
        {tab === 'executions' && <Executions schedules={schedules.data ?? []} />}
      </Tabs>

      <TemplateDialog
        projectId={project.id}
        template={templateDialog?.template}
        open={!!templateDialog}
        onOpenChange={(open) => !open && setTemplateDialog(null)}
      />
      <ScheduleDialog
        projectId={project.id}
        templates={templateList}
        schedule={scheduleDialog?.schedule}
        open={!!scheduleDialog}
        onOpenChange={(open) => !open && setScheduleDialog(null)}
      />
    </>
  );
}

function ScheduleList({
  schedules,
  templates,
  onEdit,
}: {
  schedules: Schedule[];
  templates: ClawTemplate[];
  onEdit: (schedule: Schedule) => void;
}) {
  const action = useScheduleAction();
  const remove = useDeleteSchedule();
  const [deleting, setDeleting] = useState<Schedule | undefined>();
  return (
    <>
      <ul className="grid gap-4 lg:grid-cols-2">
        {schedules.map((schedule) => {
          const template = templates.find((candidate) => candidate.id === schedule.taskTemplateId);
          const busy = action.isPending && action.variables?.id === schedule.id;
          return (
            <li
              key={schedule.id}
              aria-label={schedule.name}
              className="flex flex-col rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="truncate font-semibold text-zinc-900 dark:text-white">{schedule.name}</h2>
                  <p className="truncate text-sm text-zinc-500">{template ? template.name : 'Unknown template'}</p>
                </div>
                <Badge tone={schedule.isActive ? 'green' : 'gray'} dot>
                  {schedule.isActive ? 'Active' : 'Paused'}
                </Badge>
              </div>
              {schedule.pausedReason && !schedule.isActive && (
                <p className="mt-2 text-sm text-amber-700 dark:text-amber-400">{schedule.pausedReason}</p>
              )}
              <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
                <dt className="text-zinc-500">Runs</dt>
                <dd className="font-mono text-xs text-zinc-800 dark:text-zinc-200">{describeCadence(schedule)}</dd>
                <dt className="text-zinc-500">Next run</dt>
                <dd className="text-zinc-800 dark:text-zinc-200" title={formatDateTime(schedule.nextRunAt)}>
                  {schedule.isActive && schedule.nextRunAt ? formatDateTime(schedule.nextRunAt) : '—'}
                </dd>
                <dt className="text-zinc-500">Last run</dt>
                <dd className="text-zinc-800 dark:text-zinc-200">{schedule.lastRunAt ? relativeTime(schedule.lastRunAt) : 'Never'}</dd>
                <dt className="text-zinc-500">History</dt>
                <dd className="text-zinc-800 dark:text-zinc-200">
                  {schedule.runCount} {schedule.runCount === 1 ? 'run' : 'runs'}, {schedule.failureCount} failed
                </dd>
              </dl>
              <div className="mt-4 flex flex-wrap gap-2 border-t border-zinc-100 pt-3 dark:border-zinc-800">
                <Button
                  size="sm"
                  variant={schedule.isActive ? 'secondary' : 'primary'}
                  loading={busy}
                  aria-label={`${schedule.isActive ? 'Pause' : 'Resume'} ${schedule.name}`}
                  onClick={() =>
                    action.mutate(
                      { id: schedule.id, action: schedule.isActive ? 'pause' : 'resume' },
                      { onSuccess: () => toast.success(`${schedule.name} ${schedule.isActive ? 'paused' : 'resumed'}`) },
                    )
                  }
                >
                  {schedule.isActive ? 'Pause' : 'Resume'}
                </Button>
                <Button size="sm" variant="secondary" onClick={() => onEdit(schedule)} aria-label={`Edit ${schedule.name}`}>
                  Edit
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  className="ml-auto text-red-600 dark:text-red-400"
                  onClick={() => setDeleting(schedule)}
                  aria-label={`Delete ${schedule.name}`}
                >
                  Delete
                </Button>
              </div>
            </li>
          );
        })}
      </ul>
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title={`Delete ${deleting?.name ?? 'this schedule'}?`}
        description="Its execution history goes with it. Runs it already started are kept."
        confirmLabel="Delete schedule"
        done={(item) => `${item.name} deleted`}
      />
    </>
  );
}

function TemplateList({
  templates,
  schedules,
  onEdit,
}: {
  templates: ClawTemplate[];
  schedules: Schedule[];
  onEdit: (template: ClawTemplate) => void;
}) {
  const runners = useRunners();
  const remove = useDeleteTemplate();
  const [deleting, setDeleting] = useState<ClawTemplate | undefined>();
  const using = deleting ? schedules.filter((schedule) => schedule.taskTemplateId === deleting.id).length : 0;
  return (
    <>
      <ul className="space-y-3">
        {templates.map((template) => {
          const runner = runners.data?.data.find((candidate) => candidate.id === template.clankerId);
          return (
            <li
              key={template.id}
              aria-label={template.name}
              className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:ring-zinc-800"
            >
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="font-semibold text-zinc-900 dark:text-white">{template.name}</h2>
                  <p className="text-sm text-zinc-500">
                    On {runner ? runner.name : 'an unknown runner'}
                    {runner && runner.status !== 'active' && (
                      <Badge tone="amber" className="ml-2">
                        Runner {runner.status}
                      </Badge>
                    )}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" onClick={() => onEdit(template)} aria-label={`Edit ${template.name}`}>
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-600 dark:text-red-400"
                    onClick={() => setDeleting(template)}
                    aria-label={`Delete ${template.name}`}
                  >
                    Delete
                  </Button>
                </div>
              </div>
              {template.description && <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{template.description}</p>}
              <pre className="mt-3 max-h-40 overflow-auto rounded-lg bg-zinc-50 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-700 dark:bg-zinc-950/40 dark:text-zinc-300">
                {template.taskInstructions}
              </pre>
            </li>
          );
        })}
      </ul>
      <RemoveDialog
        item={deleting}
        onClose={() => setDeleting(undefined)}
        remove={remove}
        title={`Delete ${deleting?.name ?? 'this template'}?`}
        description={
          using > 0
            ? `Its ${using} ${using === 1 ? 'schedule is' : 'schedules are'} deleted with it.`
            : 'No schedule runs it.'
        }
        confirmLabel="Delete template"
        done={(item) => `${item.name} deleted`}
      />
    </>
  );
}

const EXECUTION_TONE: Record<string, Tone> = {
  pending: 'gray',
  running: 'blue',
  completed: 'green',
  failed: 'red',
  cancelled: 'yellow',
};

function Executions({ schedules }: { schedules: Schedule[] }) {
  const project = useCurrentProject();
  const [scheduleId, setScheduleId] = useState('');
  const executions = useExecutions(scheduleId || undefined);
  const names = new Map(schedules.map((schedule) => [schedule.id, schedule.name]));
  // the list without a schedule spans every project: keep this project's
  const rows = (executions.data ?? []).filter((execution: Execution) => names.has(execution.scheduleId));
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-3">
        <label htmlFor="execution-schedule" className="text-sm font-medium text-zinc-700 dark:text-zinc-300">
          Schedule
        </label>
        <Select id="execution-schedule" className="max-w-64" value={scheduleId} onChange={(event) => setScheduleId(event.target.value)}>
          <option value="">All schedules</option>
          {schedules.map((schedule) => (
            <option key={schedule.id} value={schedule.id}>
              {schedule.name}
            </option>
          ))}
        </Select>
      </div>
      {executions.isPending ? (
        <Skeleton className="h-40" />
      ) : executions.isError ? (
        <ErrorState error={executions.error} onRetry={() => void executions.refetch()} />
      ) : rows.length === 0 ? (
        <Card>
          <EmptyState title="No executions yet" description="Each time a schedule fires, its execution appears here." />
        </Card>
      ) : (
        <Card className="overflow-hidden">
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="border-b border-zinc-200 bg-zinc-50/80 dark:border-zinc-800 dark:bg-zinc-900">
                <tr>
                  <th className={th}>Status</th>
                  <th className={th}>Schedule</th>
                  <th className={th}>Slot</th>
                  <th className={th}>Duration</th>
                  <th className={th}>Result</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
                {rows.map((execution) => (
                  <tr key={execution.id}>
                    <td className={td}>
                      <Badge tone={EXECUTION_TONE[execution.status] ?? 'gray'} dot>
                        {humanize(execution.status)}
                      </Badge>
                    </td>
                    <td className={`${td} font-medium text-zinc-900 dark:text-zinc-100`}>{names.get(execution.scheduleId)}</td>
                    <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>{formatDateTime(execution.slotAt)}</td>
                    <td className={`${td} whitespace-nowrap text-zinc-500`}>{duration(execution.startedAt, execution.completedAt)}</td>
                    <td className={`${td} max-w-md`}>
                      <div className="flex flex-wrap items-center gap-3">
                        {execution.pullRequestUrl && (
                          <a
                            href={execution.pullRequestUrl}
                            target="_blank"
                            rel="noreferrer noopener"
                            className="font-medium text-brand-700 hover:underline dark:text-brand-400"
                          >
                            Pull request ↗
                          </a>
                        )}
                        {execution.jobId && (
                          <Link to={`/projects/${project.slug}/runs/${execution.jobId}`} className="text-brand-700 hover:underline dark:text-brand-400">
                            View run
                          </Link>
                        )}
                        {execution.errorMessage && <span className="truncate text-red-700 dark:text-red-400">{execution.errorMessage}</span>}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </div>
  );
}
