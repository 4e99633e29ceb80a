import { useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import type { Runner } from '../../api/types';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { Field, Select, Textarea } from '../../components/ui/Field';
import { AlertIcon } from '../../components/ui/icons';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { useEgressPolicy, useSaveEgressPolicy, type EgressMode } from './api';

const MODE_LABEL: Record<EgressMode, string> = {
  none: 'None: only the platform and the repository host',
  allowlist: 'Allow-list: those plus the hosts below',
  open: 'Open: any host',
};

const HOST = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/** One host per line (or comma-separated), without blanks. */
export function parseHosts(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The first problem with an allow-list as typed, in the browser; the platform checks again and names the entry. */
export function validateHosts(mode: EgressMode, hosts: string[]): string | undefined {
  if (mode !== 'allowlist') {
    return undefined;
  }
  if (hosts.length === 0) {
    return 'List at least one host, or choose None';
  }
  if (hosts.length > 100) {
    return 'At most 100 hosts';
  }
  const bad = hosts.find((host) => !HOST.test(host));
  return bad ? `"${bad}" is not a hostname, *.domain or IP address (with an optional :port)` : undefined;
}

/** The runner's egress policy: shown with the platform's warnings, and edited by administrators. */
export function EgressCard({ runner }: { runner: Runner }) {
  const policy = useEgressPolicy(runner.id);
  const save = useSaveEgressPolicy(runner.id);
  const [mode, setMode] = useState<EgressMode>('open');
  const [hosts, setHosts] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (policy.data) {
      setMode(policy.data.mode);
      setHosts(policy.data.allowedHosts.join('\n'));
    }
  }, [policy.data]);
  const errors = fieldErrorsOf(save.error);
  const serverHostError =
    errors.allowedHosts ?? Object.entries(errors).find(([field]) => field.startsWith('allowedHosts['))?.[1];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const list = mode === 'allowlist' ? parseHosts(hosts) : [];
    const invalid = validateHosts(mode, list);
    setProblem(invalid);
    if (invalid) {
      return;
    }
    save.mutate({ mode, allowedHosts: list }, { onSuccess: () => toast.success('Egress policy saved; it applies to the next runs') });
  };
  return (
    <Card>
      <CardHeader
        title="Network egress"
        description="Which hosts this runner's workers may reach, through a proxy the platform starts next to each run (Docker and Kubernetes)."
      />
      <CardBody>
        {policy.isPending ? (
          <LoadingBlock lines={2} />
        ) : policy.isError ? (
          <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
        ) : (
          <form onSubmit={submit} className="space-y-4" aria-label="Egress policy">
            {policy.data.warnings.map((warning) => (
              <p key={warning} role="alert" className="flex gap-2 text-sm text-amber-700 dark:text-amber-400">
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                {warning}
              </p>
            ))}
            <Field label="Egress" error={errors.mode}>
              {(props) => (
                <Select {...props} value={mode} onChange={(event) => setMode(event.target.value as EgressMode)}>
                  {(Object.keys(MODE_LABEL) as EgressMode[]).map((value) => (
                    <option key={value} value={value} disabled={value !== 'open' && !policy.data.enforceable}>
                      {MODE_LABEL[value]}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {mode === 'allowlist' && (
              <Field
                label="Allowed hosts"
                required
                hint="One per line: github.com, *.npmjs.org (subdomains only), 10.0.0.5:8080"
                error={problem ?? serverHostError}
              >
                {(props) => (
                  <Textarea
                    {...props}
                    rows={5}
                    spellCheck={false}
                    className="font-mono"
                    value={hosts}
                    onChange={(event) => setHosts(event.target.value)}
                  />
                )}
              </Field>
            )}
            <div className="flex justify-end">
              <Button type="submit" loading={save.isPending}>
                Save egress policy
              </Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
