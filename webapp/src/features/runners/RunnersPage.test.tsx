import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { routes } from '../../app/routes';
import { fakeApi, page, renderRoutes } from '../../test/harness';

describe('agent runners', () => {
  it('lists the runners with their agent, strategy and state, without their deployment settings', async () => {
    fakeApi()
      .on('GET', '/projects', { body: page([]) })
      .on('GET', '/clankers', {
        body: page([
          {
            id: 'c1',
            name: 'Codex on ECS',
            slug: 'codex-on-ecs',
            agent: 'codex',
            deploymentStrategy: 'ecs',
            status: 'failed',
            statusMessage: 'Task definition not found',
            missingConfiguration: ['clusterArn'],
            deploymentConfig: { taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123:task-definition/vg' },
            createdAt: '2026-11-01T10:00:00Z',
          },
        ]),
      });
    renderRoutes(routes, '/runners');

    expect(await screen.findByRole('heading', { name: 'Codex on ECS' })).toBeInTheDocument();
    expect(screen.getByText('OpenAI Codex')).toBeInTheDocument();
    expect(screen.getByText('AWS ECS')).toBeInTheDocument();
    expect(screen.getByText('Failed')).toBeInTheDocument();
    expect(screen.getByText('Task definition not found')).toBeInTheDocument();
    expect(screen.getByText('Missing: clusterArn')).toBeInTheDocument();
    expect(screen.queryByText(/task-definition\/vg/)).not.toBeInTheDocument();
  });

  it('explains how to get a first runner', async () => {
    fakeApi().on('GET', '/projects', { body: page([]) }).on('GET', '/clankers', { body: page([]) });
    renderRoutes(routes, '/runners');
    expect(await screen.findByText('No agent runners yet')).toBeInTheDocument();
  });
});
