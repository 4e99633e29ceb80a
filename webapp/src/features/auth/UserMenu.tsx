import { Button } from '../../components/ui/Button';
import { useLogout, useMe } from './api';

/** Who is signed in, and the way out. With authentication off there is no one to sign out. */
export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  if (!me.data) {
    return null;
  }
  const user = me.data.user;
  return (
    <div className="mb-2 flex items-center gap-2 px-2">
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-zinc-900 dark:text-white">{user.name}</p>
        <p className="truncate text-xs text-zinc-500">{user.email}</p>
      </div>
      {me.data.authenticatedBy === 'session' && (
        <Button variant="secondary" size="sm" loading={logout.isPending} onClick={() => logout.mutate()}>
          Sign out
        </Button>
      )}
    </div>
  );
}
