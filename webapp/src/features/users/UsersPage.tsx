import { useState, type ReactNode } from 'react';
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
import { ShownOnce } from '../../components/ui/ShownOnce';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, InlineError, rowClass, td, th } from '../../components/ui/Table';
import { without } from '../../lib/fieldErrors';
import { formatDateTime, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { useMe } from '../auth/api';
import {
  GLOBAL_ROLES,
  useCreateUser,
  useInviteUser,
  useIssueResetLink,
  useSetUserActive,
  useSetUserRole,
  useUsers,
  type GlobalRole,
  type IssuedLink,
  type User,
} from './api';

const ROLE_LABEL: Record<GlobalRole, string> = { admin: 'Administrator', member: 'Member' };
export const MIN_PASSWORD_LENGTH = 12;

/** The platform's users (administrators only): add one, change a global role, deactivate or reactivate. */
export function UsersPage() {
  useTitle('Users');
  const users = useUsers();
  const me = useMe();
  const setRole = useSetUserRole();
  const setActive = useSetUserActive();
  const issueLink = useIssueResetLink();
  const [adding, setAdding] = useState(false);
  const [inviting, setInviting] = useState(false);
  const [deactivating, setDeactivating] = useState<User | undefined>();
  const [issued, setIssued] = useState<{ user: Pick<User, 'name' | 'email'>; link: IssuedLink } | undefined>();
  const addButton = (
    <div className="flex gap-2">
      <Button variant="secondary" onClick={() => setAdding(true)}>
        <PlusIcon /> Add user
      </Button>
      <Button onClick={() => setInviting(true)}>
        <PlusIcon /> Invite user
      </Button>
    </div>
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
          <InlineError error={issueLink.error} className="mb-4" />
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
                  {user.active && (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={`Reset password link for ${user.name}`}
                      loading={issueLink.isPending && issueLink.variables === user.id}
                      onClick={() => issueLink.mutate(user.id, { onSuccess: (link) => setIssued({ user, link }) })}
                    >
                      Reset password link
                    </Button>
                  )}
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
      <Dialog
        open={inviting}
        onOpenChange={setInviting}
        title="Invite user"
        description="They get a one-time link to choose their own password; no password travels through you."
      >
        {inviting && (
          <InviteUserForm
            onDone={() => setInviting(false)}
            onInvited={(invitation) => {
              setInviting(false);
              setIssued(invitation);
            }}
          />
        )}
      </Dialog>
      <Dialog
        open={!!issued}
        onOpenChange={(open) => !open && setIssued(undefined)}
        title={issued?.link.kind === 'reset' ? `Password reset link for ${issued.user.name}` : `Invite link for ${issued?.user.name ?? ''}`}
        description="Send this link to them over a channel you trust. It is shown only now, works once and replaces any earlier link."
      >
        {issued && (
          <div className="space-y-3">
            <ShownOnce label="Link" value={issued.link.url} />
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              For {issued.user.email}; it expires {formatDateTime(issued.link.expiresAt)}.
            </p>
            <div className="flex justify-end">
              <Button onClick={() => setIssued(undefined)}>Done</Button>
            </div>
          </div>
        )}
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

/** Name and email, the fields every way of adding a user asks for. */
function validateIdentity(form: { name: string; email: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) {
    errors.name = 'A name is needed';
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(form.email.trim())) {
    errors.email = 'Enter an email address like ada@example.com';
  }
  return errors;
}

export function validateUser(form: UserForm): Record<string, string> {
  const errors = validateIdentity(form);
  if ([...form.password].length < MIN_PASSWORD_LENGTH) {
    errors.password = `At least ${MIN_PASSWORD_LENGTH} characters`;
  }
  return errors;
}

/** A dialog form's values and its errors: the client's checks over the server's field errors, cleared as one types. */
function useUserForm<F extends { name: string; email: string; role: GlobalRole }>(initial: F, serverError: unknown) {
  const [form, setForm] = useState<F>(initial);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(serverError instanceof ApiError ? serverError.fieldErrors() : {}), ...clientErrors };
  const set = (key: keyof F & string) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  /** Shows the client's findings; true when there are none and the form may be sent. */
  const check = (found: Record<string, string>) => {
    setClientErrors(found);
    return Object.keys(found).length === 0;
  };
  return { form, set, errors, check };
}

/** Name, email, whatever the dialog adds between them and the role, then the global role. */
function UserFields({
  form,
  set,
  errors,
  children,
}: {
  form: { name: string; email: string; role: GlobalRole };
  set: (key: 'name' | 'email' | 'role') => (event: { target: { value: string } }) => void;
  errors: Record<string, string | undefined>;
  children?: ReactNode;
}) {
  return (
    <>
      <Field label="Name" required error={errors.name}>
        {(props) => <Input {...props} value={form.name} onChange={set('name')} autoComplete="off" />}
      </Field>
      <Field label="Email" required error={errors.email}>
        {(props) => <Input {...props} type="email" value={form.email} onChange={set('email')} autoComplete="off" />}
      </Field>
      {children}
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
    </>
  );
}

function AddUserForm({ onDone }: { onDone: () => void }) {
  const create = useCreateUser();
  const { form, set, errors, check } = useUserForm<UserForm>(
    { name: '', email: '', password: '', role: 'member' },
    create.error,
  );
  const submit = () => {
    if (!check(validateUser(form))) {
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
      <UserFields form={form} set={set} errors={errors}>
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
      </UserFields>
    </DialogForm>
  );
}

interface InviteForm {
  name: string;
  email: string;
  role: GlobalRole;
}

function InviteUserForm({
  onDone,
  onInvited,
}: {
  onDone: () => void;
  onInvited: (invitation: { user: User; link: IssuedLink }) => void;
}) {
  const invite = useInviteUser();
  const { form, set, errors, check } = useUserForm<InviteForm>({ name: '', email: '', role: 'member' }, invite.error);
  const submit = () => {
    if (!check(validateIdentity(form))) {
      return;
    }
    invite.mutate({ name: form.name.trim(), email: form.email.trim(), role: form.role }, { onSuccess: onInvited });
  };
  return (
    <DialogForm
      label="Invite user"
      submitLabel="Create invite link"
      onSubmit={submit}
      onCancel={onDone}
      busy={invite.isPending}
      error={invite.error}
    >
      <UserFields form={form} set={set} errors={errors} />
    </DialogForm>
  );
}
