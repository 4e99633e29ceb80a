import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { Card, CardBody } from '../../components/ui/Card';
import { Field, Input } from '../../components/ui/Field';
import { useTitle } from '../../lib/useTitle';
import { useLogin, useSetup } from './api';

/** Email and password; the platform answers the same for an unknown email and a wrong password. */
export function LoginPage() {
  useTitle('Sign in');
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = login.error instanceof ApiError ? login.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email, password });
  };

  return (
    <AuthFrame title="Sign in to Viberglass" description="Use the email and password your administrator gave you.">
      <form onSubmit={submit} noValidate>
        <CardBody className="space-y-5">
          <Field label="Email" required error={errors.email}>
            {(props) => (
              <Input {...props} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
            )}
          </Field>
          <PasswordField
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
          />
          <FormError error={login.error} />
          <Button type="submit" loading={login.isPending} className="w-full">
            Sign in
          </Button>
        </CardBody>
      </form>
    </AuthFrame>
  );
}

/** The first visit to an empty platform: whoever fills this in becomes its first administrator. */
export function SetupPage() {
  useTitle('Set up Viberglass');
  const setup = useSetup();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = setup.error instanceof ApiError ? setup.error.fieldErrors() : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate({ name, email, password });
  };

  return (
    <AuthFrame
      title="Set up Viberglass"
      description="Create the first administrator. They can then add users and give them roles in projects."
    >
      <form onSubmit={submit} noValidate>
        <CardBody className="space-y-5">
          <Field label="Your name" required error={errors.name}>
            {(props) => <Input {...props} value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={255} />}
          </Field>
          <Field label="Email" required error={errors.email}>
            {(props) => (
              <Input {...props} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
            )}
          </Field>
          <PasswordField
            label="Password"
            autoComplete="new-password"
            value={password}
            onChange={setPassword}
            error={errors.password}
            hint="At least 12 characters."
          />
          <FormError error={setup.error} />
          <Button type="submit" loading={setup.isPending} className="w-full">
            Create administrator
          </Button>
        </CardBody>
      </form>
    </AuthFrame>
  );
}

export function AuthFrame({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16 sm:py-24">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">{title}</h1>
      <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">{description}</p>
      <Card>{children}</Card>
    </main>
  );
}

/** A required password input in its labelled field; the auth pages' one shape of it. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  error,
  hint,
  autoFocus,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
  autoFocus?: boolean;
}) {
  return (
    <Field label={label} required error={error} hint={hint}>
      {(props) => (
        <Input
          {...props}
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus={autoFocus}
        />
      )}
    </Field>
  );
}

/** An error of the whole form (field errors show beside their fields instead). */
export function FormError({ error }: { error: unknown }) {
  if (!(error instanceof ApiError) || error.details.length > 0) {
    return null;
  }
  return (
    <p role="alert" className="text-sm text-red-600 dark:text-red-400">
      {error.message}
    </p>
  );
}
