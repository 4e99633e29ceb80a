import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuthGate } from '../features/auth/AuthGate';
import { InvitePage } from '../features/auth/InvitePage';
import { SchedulesPage } from '../features/claws/SchedulesPage';
import { NewProjectPage } from '../features/projects/NewProjectPage';
import { ProjectHomePage } from '../features/projects/ProjectHomePage';
import { ProjectLayout } from '../features/projects/ProjectLayout';
import { ProjectsPage } from '../features/projects/ProjectsPage';
import { ProjectSettingsPage } from '../features/projects/settings/ProjectSettingsPage';
import { EditRunnerPage, NewRunnerPage } from '../features/runners/RunnerFormPage';
import { RunnerDetailPage } from '../features/runners/RunnerDetailPage';
import { RunnersPage } from '../features/runners/RunnersPage';
import { RunDetailPage } from '../features/runs/RunDetailPage';
import { RunsPage } from '../features/runs/RunsPage';
import { SecretsPage } from '../features/secrets/SecretsPage';
import { CreateTicketPage } from '../features/tickets/CreateTicketPage';
import { TicketDetailPage } from '../features/tickets/TicketDetailPage';
import { TicketsPage } from '../features/tickets/TicketsPage';
import { IntegrationDetailPage } from '../features/integrations/IntegrationDetailPage';
import { IntegrationsPage } from '../features/integrations/IntegrationsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ApiTokensPage } from '../features/tokens/ApiTokensPage';
import { UsersPage } from '../features/users/UsersPage';
import { AppLayout } from './AppLayout';
import { NotFoundPage, RouteErrorPage } from './StatusPages';

/**
 * The route table. Sections without their pages yet (integrations, users and API tokens) are plain
 * "not available yet" pages, not mock-ups. Every page sits behind the AuthGate: first-admin setup, then sign-in.
 */
export const routes: RouteObject[] = [
  // outside the gate: whoever opens an invite or reset link is not signed in yet
  { path: 'invite', element: <InvitePage />, errorElement: <RouteErrorPage /> },
  {
    element: (
      <AuthGate>
        <AppLayout />
      </AuthGate>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <ProjectsPage /> },
      { path: 'projects/new', element: <NewProjectPage /> },
      {
        path: 'projects/:slug',
        element: <ProjectLayout />,
        children: [
          { index: true, element: <ProjectHomePage /> },
          { path: 'tickets', element: <TicketsPage /> },
          { path: 'tickets/new', element: <CreateTicketPage /> },
          { path: 'tickets/:ticketId', element: <TicketDetailPage /> },
          { path: 'settings', element: <ProjectSettingsPage /> },
          { path: 'runs', element: <RunsPage /> },
          { path: 'runs/:runId', element: <RunDetailPage /> },
          { path: 'schedules', element: <SchedulesPage /> },
        ],
      },
      { path: 'runners', element: <RunnersPage /> },
      { path: 'runners/new', element: <NewRunnerPage /> },
      { path: 'runners/:runnerSlug', element: <RunnerDetailPage /> },
      { path: 'runners/:runnerSlug/edit', element: <EditRunnerPage /> },
      { path: 'secrets', element: <SecretsPage /> },
      { path: 'integrations', element: <IntegrationsPage /> },
      { path: 'integrations/:integrationId', element: <IntegrationDetailPage /> },
      { path: 'settings/users', element: <UsersPage /> },
      { path: 'settings/api-tokens', element: <ApiTokensPage /> },
      { path: 'settings/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
