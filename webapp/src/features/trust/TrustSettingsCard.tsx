import { useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import { Button } from '../../components/ui/Button';
import { Card, CardBody, CardHeader } from '../../components/ui/Card';
import { Field, Switch, Textarea } from '../../components/ui/Field';
import { ErrorState, LoadingBlock } from '../../components/ui/States';
import { fieldErrorsOf } from '../../lib/fieldErrors';
import { IDENTITY, useProjectTrust, useSaveProjectTrust } from './api';

/** One identity per line; blank lines are dropped. */
export function parseIdentities(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The project's trust rules for outside authors: the trusted identities and the repository-members switch. */
export function TrustSettingsCard({ projectId }: { projectId: string }) {
  const settings = useProjectTrust(projectId);
  const save = useSaveProjectTrust(projectId);
  const [text, setText] = useState('');
  const [members, setMembers] = useState(true);
  const [invalid, setInvalid] = useState<string[]>([]);
  useEffect(() => {
    if (settings.data) {
      setText(settings.data.trustedIdentities.join('\n'));
      setMembers(settings.data.trustRepositoryMembers);
    }
  }, [settings.data]);
  const serverErrors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const identities = parseIdentities(text);
    const wrong = identities.filter((identity) => !IDENTITY.test(identity));
    setInvalid(wrong);
    if (wrong.length > 0) return;
    save.mutate(
      { trustedIdentities: identities, trustRepositoryMembers: members },
      { onSuccess: () => toast.success('Trust settings saved') },
    );
  };
  const error =
    invalid.length > 0
      ? `Not provider:id: ${invalid.join(', ')}`
      : Object.entries(serverErrors).find(([field]) => field.startsWith('trustedIdentities'))?.[1];
  return (
    <Card>
      <CardHeader
        title="Trusted outside authors"
        description="Tickets and pull request feedback from anyone else (webhooks from GitHub, GitLab, Jira, Shortcut or a custom sender) wait for an approver before any run, and reach the agent fenced as untrusted text."
      />
      <CardBody>
        {settings.isPending ? (
          <LoadingBlock />
        ) : settings.isError ? (
          settings.error instanceof ApiError && settings.error.status === 403 ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Only the project's approvers and admins see these rules.</p>
          ) : (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          )
        ) : (
          <form className="space-y-4" onSubmit={submit} noValidate>
            <Field
              label="Trusted identities"
              hint="One per line: github:octocat, gitlab:jane, jira:<accountId>, shortcut:<memberId>, custom:<author>; provider:* trusts every author of that provider."
              error={error}
            >
              {(props) => (
                <Textarea
                  {...props}
                  rows={5}
                  value={text}
                  spellCheck={false}
                  onChange={(event) => setText(event.target.value)}
                />
              )}
            </Field>
            <Switch
              checked={members}
              onChange={setMembers}
              label="Trust repository members"
              description="GitHub authors whose author_association is OWNER, MEMBER or COLLABORATOR count as trusted."
            />
            <div className="flex justify-end">
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
