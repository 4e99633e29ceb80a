import { useEffect, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { CardBody } from '../../components/ui/Card';
import { LoadingBlock } from '../../components/ui/States';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { AuthFrame, FormError, PasswordField } from './AuthPages';
import { useLinkDetails, useRedeemLink } from './api';

const MIN_PASSWORD_LENGTH = 12;

/** The token of an invite or reset link: it rides in the fragment (`/invite#token=…`), which browsers never send. */
export function tokenFromFragment(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')?.trim();
  return token ? token : undefined;
}

/**
 * The public page an invite or password reset link opens: who it is for, a new password typed twice, then signed in.
 * The fragment is dropped from the address bar once read, so the token does not stay in the browser's history.
 */
export function InvitePage() {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromFragment(location.hash));
  useEffect(() => {
    if (location.hash) {
      void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
    }
  }, [location.hash, location.pathname, location.search, navigate]);
  const details = useLinkDetails(token);
  const redeem = useRedeemLink();
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const errors = { ...(redeem.error instanceof ApiError ? redeem.error.fieldErrors() : {}), ...clientErrors };
  const reset = details.data?.kind === 'reset';
  useTitle(reset ? 'Reset your password' : 'Accept your invitation');

  if (!token || details.isError) {
    return (
      <AuthFrame title="This link does not work" description="It is invalid, has been used or has expired.">
        <CardBody>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            Ask an administrator for a new link. Each link works once, and only the newest one a user was given.
          </p>
        </CardBody>
      </AuthFrame>
    );
  }
  if (details.isPending) {
    return (
      <AuthFrame title="Checking your link" description="One moment.">
        <CardBody>
          <LoadingBlock />
        </CardBody>
      </AuthFrame>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if ([...password].length < MIN_PASSWORD_LENGTH) {
      found.password = `At least ${MIN_PASSWORD_LENGTH} characters`;
    }
    if (repeated !== password) {
      found.repeated = 'The two passwords differ';
    }
    setClientErrors(found);
    if (Object.keys(found).length === 0) {
      redeem.mutate({ token, password }, { onSuccess: () => void navigate('/', { replace: true }) });
    }
  };

  return (
    <AuthFrame
      title={reset ? 'Reset your password' : 'Welcome to Viberglass'}
      description={`${details.data.name} (${details.data.email}): choose a password to sign in. This link works until ${formatDateTime(details.data.expiresAt)}.`}
    >
      <form onSubmit={submit} noValidate>
        <CardBody className="space-y-5">
          <input type="email" autoComplete="username" value={details.data.email} readOnly hidden />
          <PasswordField
            label="New password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            autoFocus
          />
          <PasswordField
            label="Repeat the password"
            autoComplete="new-password"
            value={repeated}
            onChange={setRepeated}
            error={errors.repeated}
          />
          <FormError error={redeem.error} />
          <Button type="submit" loading={redeem.isPending} className="w-full">
            Set password and sign in
          </Button>
        </CardBody>
      </form>
    </AuthFrame>
  );
}
