import { PageHeader } from '../../../components/ui/PageHeader';
import { useTitle } from '../../../lib/useTitle';
import { ProjectCostSettings } from '../../usage/CostSettings';
import { useCurrentProject } from '../ProjectLayout';
import { DangerZone } from './DangerZone';
import { GeneralSettings } from './GeneralSettings';
import { IntegrationSettings } from './IntegrationSettings';
import { TrustSettingsCard } from '../../trust/TrustSettingsCard';
import { MembersSettings } from './MembersSettings';
import { PromptSettings } from './PromptSettings';
import { ScmSettings } from './ScmSettings';

export function ProjectSettingsPage() {
  const project = useCurrentProject();
  useTitle(`Settings · ${project.name}`);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="Settings"
        description="How agents work on this project: its repository, instructions and automation."
        crumbs={[
          { label: 'Projects', to: '/' },
          { label: project.name, to: `/projects/${project.slug}` },
          { label: 'Settings' },
        ]}
      />
      <div className="space-y-6">
        <GeneralSettings project={project} />
        <ScmSettings projectId={project.id} />
        <IntegrationSettings projectId={project.id} />
        <MembersSettings projectId={project.id} />
        <TrustSettingsCard projectId={project.id} />
        <PromptSettings projectId={project.id} />
        <ProjectCostSettings projectId={project.id} />
        <DangerZone project={project} />
      </div>
    </div>
  );
}
