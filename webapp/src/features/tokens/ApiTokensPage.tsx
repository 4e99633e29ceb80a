import { useState } from 'react';
import { ApiError } from '../../api/client';
import { Badge, type Tone } from '../../components/ui/Badge';
import { Button } from '../../components/ui/Button';
import { DialogForm } from '../../components/ui/DialogForm';
import { Card } from '../../components/ui/Card';
import { Dialog } from '../../components/ui/Dialog';
import { Field, Input, Select } from '../../components/ui/Field';
import { KeyIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/PageHeader';
import { RemoveDialog } from '../../components/ui/RemoveDialog';
import { ShownOnce } from '../../components/ui/ShownOnce';
import { EmptyState, ErrorState, Skeleton } from '../../components/ui/States';
import { DataTable, InlineError, rowClass, td, th } from '../../components/ui/Table';
import { without } from '../../lib/fieldErrors';
import { formatDate, formatDateTime, relativeTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { TOKEN_SCOPES, useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken, type CreatedToken, type TokenScope } from './api';

const SCOPE_TONE: Record<TokenScope, Tone> = { read: 'gray', write: 'blue', admin: 'amber' };
const SCOPE_HINT: Record<TokenScope, string> = {
  read: 'Read: list and get, no changes',
  write: 'Write: also create, update and start runs',
  admin: 'Admin: also everything your role allows administrators',
};

/** My API tokens for scripts and the CLI: create one with a scope (shown exactly once), list, revoke. */
export function ApiTokensPage() {
  useTitle('API tokens');
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | undefined>();
  const [revoking, setRevoking] = useState<ApiToken | undefined>();
  const newButton = (
    <Button onClick={() => setCreating(true)}>
      <PlusIcon /> New token
    </Button>
  );
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens act as you, limited to their scope. Send one as 'Authorization: Bearer <token>'."
        actions={newButton}
      />
      {tokens.isPending ? (
        <Skeleton className="h-40" />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <Card>
          <EmptyState
            icon={<KeyIcon className="size-6" />}
            title="No API tokens yet"
            description="Create one for the viberglass CLI, a CI job or a script."
            action={newButton}
          />
        </Card>
      ) : (
        <DataTable
          label="API tokens"
          head={
            <>
              <th className={th}>Name</th>
              <th className={th}>Token</th>
              <th className={th}>Scope</th>
              <th className={th}>Last used</th>
              <th className={th}>Expires</th>
              <th className={th}>Created</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </>
          }
        >
          {tokens.data.map((token) => (
            <tr key={token.id} className={rowClass}>
              <td className={`${td} font-medium text-zinc-900 dark:text-zinc-100`}>{token.name}</td>
              <td className={`${td} font-mono text-xs text-zinc-500`}>{token.tokenPrefix}…</td>
              <td className={td}>
                <Badge tone={SCOPE_TONE[token.scope]}>{token.scope}</Badge>
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(token.lastUsedAt)}>
                {token.lastUsedAt ? relativeTime(token.lastUsedAt) : 'Never'}
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-500`}>
                {token.expiresAt ? formatDate(token.expiresAt) : 'Never'}
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-500`} title={formatDateTime(token.createdAt)}>
                {relativeTime(token.createdAt)}
              </td>
              <td className={`${td} text-right`}>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-red-600 dark:text-red-400"
                  aria-label={`Revoke ${token.name}`}
                  onClick={() => {
                    revoke.reset();
                    setRevoking(token);
                  }}
                >
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Dialog open={creating} onOpenChange={setCreating} title="New API token">
        {creating && (
          <CreateTokenForm
            onCancel={() => setCreating(false)}
            onCreated={(token) => {
              setCreating(false);
              setCreated(token);
            }}
          />
        )}
      </Dialog>
      <Dialog
        open={!!created}
        onOpenChange={(open) => !open && setCreated(undefined)}
        title="Copy your new token"
        description="This is the only time it is shown. Store it somewhere safe; if it is lost, revoke it and create another."
      >
        {created && <ShowOnce token={created} onDone={() => setCreated(undefined)} />}
      </Dialog>
      <RemoveDialog
        item={revoking}
        onClose={() => setRevoking(undefined)}
        remove={revoke}
        title={`Revoke ${revoking?.name ?? 'this token'}?`}
        description="Anything using it stops working at once. This cannot be undone."
        confirmLabel="Revoke token"
        done={(item) => `${item.name} revoked`}
      >
        <InlineError error={revoke.error} />
      </RemoveDialog>
    </>
  );
}

interface TokenForm {
  name: string;
  scope: TokenScope;
  expiresOn: string;
}

/** The request: an expiry date means the end of that day, UTC. */
export function tokenRequest(form: TokenForm) {
  return {
    name: form.name.trim(),
    scope: form.scope,
    expiresAt: form.expiresOn ? `${form.expiresOn}T23:59:59Z` : undefined,
  };
}

function CreateTokenForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (token: CreatedToken) => void }) {
  const create = useCreateApiToken();
  const [form, setForm] = useState<TokenForm>({ name: '', scope: 'read', expiresOn: '' });
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(create.error instanceof ApiError ? create.error.fieldErrors() : {}), ...clientErrors };
  const set = (key: keyof TokenForm) => (event: { target: { value: string } }) => {
    setClientErrors((current) => without(current, key, key === 'expiresOn' ? 'expiresAt' : key));
    setForm((current) => ({ ...current, [key]: event.target.value }));
  };
  const submit = () => {
    if (!form.name.trim()) {
      setClientErrors({ name: 'A name is needed, like "CI deploy job"' });
      return;
    }
    create.mutate(tokenRequest(form), { onSuccess: onCreated });
  };
  return (
    <DialogForm
      label="New API token"
      submitLabel="Create token"
      onSubmit={submit}
      onCancel={onCancel}
      busy={create.isPending}
      error={create.error}
    >
      <Field label="Name" required error={errors.name} hint="What uses it, so you know what breaks when you revoke it.">
        {(props) => <Input {...props} value={form.name} onChange={set('name')} autoComplete="off" />}
      </Field>
      <Field label="Scope" error={errors.scope} hint={SCOPE_HINT[form.scope]}>
        {(props) => (
          <Select {...props} value={form.scope} onChange={set('scope')}>
            {TOKEN_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {scope}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Expires on" error={errors.expiresAt} hint="Optional; it never expires when empty.">
        {(props) => <Input {...props} type="date" value={form.expiresOn} onChange={set('expiresOn')} />}
      </Field>
    </DialogForm>
  );
}

function ShowOnce({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <ShownOnce label="New token" value={token.token} />
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        {token.name} · scope <strong>{token.scope}</strong>
        {token.expiresAt ? ` · expires ${formatDate(token.expiresAt)}` : ' · never expires'}
      </p>
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
