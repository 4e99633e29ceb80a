import { useState } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { Badge } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { DialogForm } from '../../components/ui/DialogForm';
import { Card } from '../../components/ui/Card';
import { ConfirmDialog, Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { PlusIcon, UsersIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, InlineError, rowClass, td, th } from '../../components/ui/Table';
import { without } from '../../lib/fieldErrors';
import { formatDateTime, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useMe } from '../auth/api';
import { GLOBAL_ROLES, useCreateUser, useSetUserActive, useSetUserRole, useUsers, type GlobalRole, type User } from './api';

const ROLE_LABEL: Record<GlobalRole, string> = { admin: 'Administrator', member: 'Member' };
export const MIN_PASSWORD_LENGTH = 12;

/** The platform's users (administrators only): add one, change a global role, deactivate or reactivate. */
export function UsersPage() {
  useTitle('Users');
  const users = useUsers();
  const me = useMe();
  const setRole = useSetUserRole();
  const setActive = useSetUserActive();
  const [adding, setAdding] = useState(false);
  const [deactivating, setDeactivating] = useState<User | undefined>();
  const addButton = (
    <Button onClick={() => setAdding(true)}>
      <PlusIcon /> Add user
    </Button>
  );
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in. Administrators manage the platform; members see the projects they belong to."
        actions={addButton}
      />
      {users.isPending ? (
        <Skeleton className="h-48" />
      ) : users.isError ? (
        <ErrorState error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.data.length === 0 ? (
        <Card>
          <EmptyState icon={<UsersIcon className="size-6" />} title="No users yet" action={addButton} />
        </Card>
      ) : (
        <>
          <InlineError error={setRole.error} className="mb-4" />
          <DataTable
            label="Users"
            head={
              <>
                <th className={th}>Name</th>
                <th className={th}>Email</th>
                <th className={th}>Global role</th>
                <th className={th}>Status</th>
                <th className={th}>Added</th>
                <th className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </>
            }
          >
            {users.data.data.map((user) => (
              <tr key={user.id} className={rowClass}>
                <td className={`${td} font-medium text-zinc-900 dark:text-zinc-100`}>
                  {user.name}
                  {me.data?.user.id === user.id && <span className="ml-2 text-xs font-normal text-zinc-500">(you)</span>}
                </td>
                <td className={`${td} text-zinc-600 dark:text-zinc-400`}>{user.email}</td>
                <td className={td}>
                  <Select
                    aria-label={`Global role of ${user.name}`}
                    className="w-40"
                    value={user.role}
                    disabled={setRole.isPending && setRole.variables?.id === user.id}
                    onChange={(event) => {
                      const role = event.target.value as GlobalRole;
                      setRole.mutate(
                        { id: user.id, role },
                        { onSuccess: () => toast.success(`${user.name} is now ${ROLE_LABEL[role].toLowerCase()}`) },
                      );
                    }}
                  >
                    {GLOBAL_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABEL[role]}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className={td}>
                  {user.active ? (
                    <Badge tone="green" dot>
                      Active
                    </Badge>
                  ) : (
                    <Badge tone="gray" dot>
                      Deactivated
                    </Badge>
                  )}
                </td>
                <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(user.createdAt)}>
                  {relativeTime(user.createdAt)}
                </td>
                <td className={`${td} text-right whitespace-nowrap`}>
                  {user.active ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-red-600 dark:text-red-400"
                      aria-label={`Deactivate ${user.name}`}
                      onClick={() => {
                        setActive.reset();
                        setDeactivating(user);
                      }}
                    >
                      Deactivate
                    </Button>
                  ) : (
                    <Button
                      size="sm"
                      variant="secondary"
                      aria-label={`Reactivate ${user.name}`}
                      loading={setActive.isPending && setActive.variables?.id === user.id}
                      onClick={() =>
                        setActive.mutate(
                          { id: user.id, active: true },
                          { onSuccess: () => toast.success(`${user.name} reactivated`) },
                        )
                      }
                    >
                      Reactivate
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      <Dialog
        open={adding}
        onOpenChange={setAdding}
        title="Add user"
        description="They sign in with this email and the initial password; share it with them over a safe channel."
      >
        {adding && <AddUserForm onDone={() => setAdding(false)} />}
      </Dialog>
      <ConfirmDialog
        open={!!deactivating}
        onOpenChange={(open) => !open && setDeactivating(undefined)}
        title={`Deactivate ${deactivating?.name ?? 'this user'}?`}
        description="They are signed out everywhere and their API tokens stop working. You can reactivate them later."
        confirmLabel="Deactivate"
        busy={setActive.isPending}
        onConfirm={() =>
          deactivating &&
          setActive.mutate(
            { id: deactivating.id, active: false },
            {
              onSuccess: () => {
                toast.success(`${deactivating.name} deactivated`);
                setDeactivating(undefined);
              },
            },
          )
        }
      >
        <InlineError error={setActive.error} />
      </ConfirmDialog>
    </>
  );
}

interface UserForm {
  name: string;
  email: string;
  password: string;
  role: GlobalRole;
}

export function validateUser(form: UserForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) {
    errors.name = 'A name is needed';
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) {
    errors.email = 'Enter an email address like ada@example.com';
  }
  if ([...form.password].length < MIN_PASSWORD_LENGTH) {
    errors.password = `At least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return errors;
}

function AddUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const [form, setForm] = useState<UserForm>({ name: '', email: '', password: '', role: 'member' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(create.error instanceof ApiError ? create.error.fieldErrors() : {}), ...clientErrors };
  const set = (key: keyof UserForm) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  const submit = () => {
    const found = validateUser(form);
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    create.mutate(
      { name: form.name.trim(), email: form.email.trim(), password: form.password, role: form.role },
      {
        onSuccess: (user) => {
          toast.success(`${user.name} added`);
          onDone();
        },
      },
    );
  };
  return (
    <DialogForm
      label="Add user"
      submitLabel="Add user"
      onSubmit={submit}
      onCancel={onDone}
      busy={create.isPending}
      error={create.error}
    >
      <Field label="Name" required error={errors.name}>
        {(props) => <Input {...props} value={form.name} onChange={set('name')} autoComplete="off" />}
      </Field>
      <Field label="Email" required error={errors.email}>
        {(props) => <Input {...props} type="email" value={form.email} onChange={set('email')} autoComplete="off" />}
      </Field>
      <Field
        label="Initial password"
        required
        error={errors.password}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
      >
        {(props) => (
          <Input {...props} type="password" value={form.password} onChange={set('password')} autoComplete="new-password" />
        )}
      </Field>
      <Field label="Global role" error={errors.role}>
        {(props) => (
          <Select {...props} value={form.role} onChange={set('role')}>
            {GLOBAL_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABEL[role]}
              </option>
            ))}
          </Select>
        )}
      </Field>
    </DialogForm>
  );
}
