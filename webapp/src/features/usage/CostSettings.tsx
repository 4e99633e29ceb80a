import { toast } from 'sonner';
import { Badge } from '../../components/ui/Badge';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { AlertIcon } from '../../components/ui/icons';
import { LoadingBlock } from '../../components/ui/States';
import { InlineError } from '../../components/ui/Table';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../auth/api';
import { useMembers } from '../projects/settings/membersApi';
import {
  useMonthlyUsage,
  useProjectCostControls,
  useRunnerCostControls,
  useSetProjectCostControls,
  useSetRunnerCostControls,
} from './api';
import { BudgetForm } from './BudgetForm';
import { MonthlyUsage } from './MonthlyUsage';

/** This month's spending of a scope: the last entry of its monthly rollup. */
function useMonthSpent(kind: 'project' | 'runner', id: string): number {
  const months = useMonthlyUsage({ kind, id });
  const data = months.data ?? [];
  return data.at(-1)?.costUsd ?? 0;
}

/** A project's usage per month and its budgets; project administrators (and global ones) may change them. */
export function ProjectCostSettings({ projectId }: { projectId: string }) {
  const controls = useProjectCostControls(projectId);
  const save = useSetProjectCostControls(projectId);
  const me = useMe();
  const members = useMembers(projectId);
  const spent = useMonthSpent('project', projectId);
  const editable =
    me.data?.user.role === 'admin' ||
    (members.data ?? []).some((member) => member.userId === me.data?.user.id && member.role === 'admin');
  return (
    <div className="space-y-6">
      <MonthlyUsage scope={{ kind: 'project', id: projectId }} monthlyBudgetUsd={controls.data?.monthlyBudgetUsd} />
      <Card>
        <CardHeader title="Budgets" description="Limits on what this project's runs spend on model tokens." />
        <CardBody>
          {controls.isPending ? (
            <LoadingBlock lines={2} />
          ) : controls.isError ? (
            <InlineError error={controls.error} />
          ) : (
            <BudgetForm
              key={controls.data.updatedAt ?? 'none'}
              budgets={controls.data}
              monthSpentUsd={spent}
              editable={editable}
              saving={save.isPending}
              error={save.error}
              onSave={(budgets) => save.mutate(budgets, { onSuccess: () => toast.success('Budgets saved') })}
            />
          )}
        </CardBody>
      </Card>
    </div>
  );
}

/**
 * An agent runner's usage per month, its budgets (global administrators change them) and whether its model key is
 * brokered. Saving budgets keeps the runner's other cost controls as they are: the platform clears what is left out.
 */
export function RunnerCostSettings({ runnerId }: { runnerId: string }) {
  const controls = useRunnerCostControls(runnerId);
  const save = useSetRunnerCostControls(runnerId);
  const me = useMe();
  const spent = useMonthSpent('runner', runnerId);
  const editable = me.data?.user.role === 'admin';
  return (
    <div className="space-y-6">
      <MonthlyUsage scope={{ kind: 'runner', id: runnerId }} monthlyBudgetUsd={controls.data?.monthlyBudgetUsd} />
      <Card>
        <CardHeader
          title="Budgets and model key"
          description="Limits on what this runner's runs spend, and how its model key reaches them."
          actions={
            controls.data &&
            (controls.data.brokered ? (
              <Badge tone="green" dot>
                Key brokered
              </Badge>
            ) : (
              <Badge tone="amber" dot>
                Key passed to workers
              </Badge>
            ))
          }
        />
        <CardBody className="space-y-4">
          {controls.isPending ? (
            <LoadingBlock lines={2} />
          ) : controls.isError ? (
            <InlineError error={controls.error} />
          ) : (
            <>
              {controls.data.warnings.map((warning) => (
                <p
                  key={warning}
                  role="alert"
                  className="flex gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-300 dark:ring-amber-900"
                >
                  <AlertIcon className="mt-0.5 size-4 shrink-0" />
                  {warning}
                </p>
              ))}
              {controls.data.pausedUntil && (
                <p className="text-sm text-amber-700 dark:text-amber-400">
                  Paused for the provider's quota until {formatDateTime(controls.data.pausedUntil)}.
                </p>
              )}
              <BudgetForm
                key={`${controls.data.runBudgetUsd}-${controls.data.monthlyBudgetUsd}`}
                budgets={controls.data}
                monthSpentUsd={spent}
                editable={editable}
                saving={save.isPending}
                error={save.error}
                onSave={(budgets) =>
                  save.mutate(
                    {
                      modelBroker: controls.data.modelBroker,
                      stuckAfterMinutes: controls.data.stuckAfterMinutes,
                      repeatedToolCallLimit: controls.data.repeatedToolCallLimit,
                      ...budgets,
                    },
                    { onSuccess: () => toast.success('Budgets saved') },
                  )
                }
              />
            </>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
