import { createBrowserRouter, type RouteObject } from 'react-router';
import { NewProjectPage } from '../features/projects/NewProjectPage';
import { ProjectHomePage } from '../features/projects/ProjectHomePage';
import { ProjectLayout } from '../features/projects/ProjectLayout';
import { ProjectsPage } from '../features/projects/ProjectsPage';
import { ProjectSettingsPage } from '../features/projects/settings/ProjectSettingsPage';
import { CreateTicketPage } from '../features/tickets/CreateTicketPage';
import { TicketDetailPage } from '../features/tickets/TicketDetailPage';
import { TicketsPage } from '../features/tickets/TicketsPage';
import { AppLayout } from './AppLayout';
import { NotAvailablePage, NotFoundPage, RouteErrorPage } from './StatusPages';

/**
 * The route table. Pages whose backend has not landed yet (runs, schedules, agent runners, secrets, integrations,
 * users and API tokens, sign-in) are plain "not available yet" pages, not mock-ups.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
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
          { path: 'runs', element: <NotAvailablePage feature="Runs" waitingFor="jobs and the dispatcher" /> },
          { path: 'schedules', element: <NotAvailablePage feature="Schedules" waitingFor="claws (scheduled tasks)" /> },
        ],
      },
      { path: 'runners', element: <NotAvailablePage feature="Agent runners" waitingFor="clankers" /> },
      { path: 'secrets', element: <NotAvailablePage feature="Secrets" waitingFor="the secrets store" /> },
      { path: 'integrations', element: <NotAvailablePage feature="Integrations" waitingFor="integrations and webhooks" /> },
      { path: 'settings/users', element: <NotAvailablePage feature="Users" waitingFor="authentication and users" /> },
      { path: 'settings/api-tokens', element: <NotAvailablePage feature="API tokens" waitingFor="authentication and API tokens" /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
