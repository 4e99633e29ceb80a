import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '../../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../../components/ui/Card';
import { ConfirmDialog } from '../../../components/ui/Dialog';
import { Field, Input, Select } from '../../../components/ui/Field';
import { ErrorState, LoadingBlock } from '../../../components/ui/States';
import { InlineError } from '../../../components/ui/Table';
import { fieldErrorsOf } from '../../../lib/fieldErrors';
import { PROJECT_ROLES, useAddMember, useMembers, useRemoveMember, useSetMemberRole, type Member, type ProjectRole } from './membersApi';

export const ROLE_HINT: Record<ProjectRole, string> = {
  viewer: 'Viewer: reads tickets, documents and runs',
  member: 'Member: also creates tickets, comments and starts runs',
  approver: 'Approver: also approves research and plans',
  admin: 'Admin: also manages settings, members and secrets',
};

/** Who may work on the project and with which role. */
export function MembersSettings({ projectId }: { projectId: string }) {
  const members = useMembers(projectId);
  const add = useAddMember(projectId);
  const setRole = useSetMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [email, setEmail] = useState('');
  const [role, setNewRole] = useState<ProjectRole>('member');
  const [removing, setRemoving] = useState<Member | undefined>();
  const errors = fieldErrorsOf(add.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (member) => {
          toast.success(`${member.name} added as ${member.role}`);
          setEmail('');
        },
      },
    );
  };
  return (
    <Card>
      <CardHeader title="Members" description="Project roles add to the platform role; administrators see every project." />
      <CardBody className="space-y-4">
        {members.isPending ? (
          <LoadingBlock />
        ) : members.isError ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : members.data.length === 0 ? (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No members yet.</p>
        ) : (
          <ul className="divide-y divide-zinc-100 rounded-lg ring-1 ring-zinc-200 dark:divide-zinc-800 dark:ring-zinc-800" aria-label="Members">
            {members.data.map((member) => (
              <li key={member.userId} className="flex flex-wrap items-center gap-3 px-4 py-2.5">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-zinc-900 dark:text-zinc-100">{member.name}</p>
                  <p className="truncate text-xs text-zinc-500">{member.email}</p>
                </div>
                <Select
                  aria-label={`Role of ${member.name}`}
                  className="w-36"
                  value={member.role}
                  onChange={(event) => setRole.mutate({ userId: member.userId, role: event.target.value as ProjectRole })}
                >
                  {PROJECT_ROLES.map((value) => (
                    <option key={value} value={value}>
                      {value}
                    </option>
                  ))}
                </Select>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-600 dark:text-red-400"
                  aria-label={`Remove ${member.name}`}
                  onClick={() => {
                    remove.reset();
                    setRemoving(member);
                  }}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <InlineError error={setRole.error} />
        <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start" aria-label="Add member">
          <Field label="Email" error={errors.email}>
            {(props) => (
              <Input {...props} type="email" value={email} placeholder="grace@example.com" onChange={(event) => setEmail(event.target.value)} />
            )}
          </Field>
          <Field label="Role" error={errors.role} hint={ROLE_HINT[role].split(':')[0]}>
            {(props) => (
              <Select {...props} value={role} onChange={(event) => setNewRole(event.target.value as ProjectRole)}>
                {PROJECT_ROLES.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" variant="secondary" className="sm:mt-7" disabled={!email.trim()} loading={add.isPending}>
            Add member
          </Button>
        </form>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{ROLE_HINT[role]}. They need a user account first (Users page).</p>
      </CardBody>
      <ConfirmDialog
        open={!!removing}
        onOpenChange={(open) => !open && setRemoving(undefined)}
        title={`Remove ${removing?.name ?? 'this member'}?`}
        description="They lose access to the project unless they are a platform administrator."
        confirmLabel="Remove member"
        busy={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.userId, {
            onSuccess: () => {
              toast.success(`${removing.name} removed`);
              setRemoving(undefined);
            },
          })
        }
      >
        <InlineError error={remove.error} />
      </ConfirmDialog>
    </Card>
  );
}
