import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Schemas, WithRequired } from '../../api/schema';
import type { Page } from '../../api/types';

export type Integration = WithRequired<
  Schemas['IntegrationView'],
  'id' | 'name' | 'system' | 'category' | 'active' | 'hasToken' | 'createdAt'
>;
export type IntegrationSystem = Integration['system'];
export type IntegrationRequest = Schemas['IntegrationRequest'];
export type PluginInfo = WithRequired<
  Schemas['PluginInfo'],
  'id' | 'label' | 'category' | 'requiredSettings' | 'optionalSettings' | 'inboundEvents' | 'supportsWebhooks'
>;
export type ConnectionResult = WithRequired<Schemas['ConnectionResult'], 'success'>;
export type ProjectLink = Omit<WithRequired<Schemas['ProjectLink'], 'integrationId' | 'projectId' | 'primary'>, 'integration'> & {
  integration: Integration;
};
export type InboundConfig = WithRequired<
  Schemas['InboundConfigView'],
  'id' | 'integrationId' | 'provider' | 'active' | 'hasSecret' | 'allowedEvents' | 'autoExecute' | 'createdAt'
>;
export type InboundConfigRequest = Schemas['InboundConfigRequest'];
export type Delivery = WithRequired<Schemas['DeliveryView'], 'id' | 'status' | 'receivedAt' | 'attempts'>;
export type DeliveryStatus = Delivery['status'];
export type FeedbackTarget = WithRequired<
  Schemas['TargetView'],
  'id' | 'integrationId' | 'name' | 'provider' | 'active' | 'events' | 'createdAt'
>;
export type TargetRequest = Schemas['TargetRequest'];
export type FeedbackEventType = NonNullable<Schemas['TestRequest']['eventType']>;
export type OutboxEntry = WithRequired<Schemas['OutboxView'], 'id' | 'eventType' | 'status' | 'attempts' | 'createdAt'>;

export const DELIVERY_STATUSES = ['received', 'processing', 'processed', 'ignored', 'failed'] as const satisfies readonly DeliveryStatus[];
/** The events a feedback target can subscribe to (`test` is only ever sent by hand). */
export const FEEDBACK_EVENTS = ['job_started', 'job_ended', 'approval_requested', 'pull_request_opened'] as const satisfies readonly FeedbackEventType[];

export const integrationKeys = {
  all: ['integrations'] as const,
  list: ['integrations', 'list'] as const,
  types: ['integrations', 'types'] as const,
  one: (id: string) => ['integrations', 'one', id] as const,
  project: (projectId: string) => ['integrations', 'project', projectId] as const,
  inbound: (id: string) => ['integrations', id, 'inbound'] as const,
  deliveries: (id: string, configId: string, status: string) => ['integrations', id, 'inbound', configId, 'deliveries', status] as const,
  outbound: (id: string) => ['integrations', id, 'outbound'] as const,
  history: (id: string, targetId: string) => ['integrations', id, 'outbound', targetId, 'history'] as const,
};

export function useIntegrations() {
  return useQuery({
    queryKey: integrationKeys.list,
    queryFn: ({ signal }) => api.get<Page<Integration>>('/integrations', { limit: 200 }, signal),
  });
}

export function useIntegration(id: string | undefined) {
  return useQuery({
    queryKey: integrationKeys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<Integration>(`/integrations/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The plugin registry: which systems exist, their settings and inbound events. */
export function useIntegrationTypes() {
  return useQuery({
    queryKey: integrationKeys.types,
    queryFn: ({ signal }) => api.get<PluginInfo[]>('/integrations/types/available', undefined, signal),
    staleTime: Infinity,
  });
}

export function useSaveIntegration(id?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: IntegrationRequest) =>
      id ? api.put<Integration>(`/integrations/${id}`, request) : api.post<Integration>('/integrations', request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

export function useDeleteIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/integrations/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

/** Calls the provider with the stored token; the answer says whether it worked (a failed check is not an error). */
export function useTestIntegration() {
  return useMutation({
    mutationFn: (id: string) => api.post<ConnectionResult>(`/integrations/${id}/test`),
  });
}

export function useProjectIntegrations(projectId: string) {
  return useQuery({
    queryKey: integrationKeys.project(projectId),
    queryFn: ({ signal }) => api.get<ProjectLink[]>(`/integrations/project/${projectId}`, undefined, signal),
  });
}

export function useLinkIntegration(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { integrationId: string; isPrimary?: boolean }) =>
      api.post<ProjectLink>(`/integrations/project/${projectId}/link`, request),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.project(projectId) }),
  });
}

export function useUnlinkIntegration(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (integrationId: string) => api.delete(`/integrations/project/${projectId}/link/${integrationId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.project(projectId) }),
  });
}

export function useMakePrimary(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (integrationId: string) =>
      api.put<ProjectLink>(`/integrations/project/${projectId}/primary/${integrationId}`, undefined),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.project(projectId) }),
  });
}

export function useInboundWebhooks(integrationId: string) {
  return useQuery({
    queryKey: integrationKeys.inbound(integrationId),
    queryFn: ({ signal }) => api.get<InboundConfig[]>(`/integrations/${integrationId}/webhooks/inbound`, undefined, signal),
  });
}

export function useCreateInboundWebhook(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: InboundConfigRequest) =>
      api.post<InboundConfig>(`/integrations/${integrationId}/webhooks/inbound`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.inbound(integrationId) }),
  });
}

export function useDeleteInboundWebhook(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (configId: string) => api.delete(`/integrations/${integrationId}/webhooks/inbound/${configId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.inbound(integrationId) }),
  });
}

/** A webhook's recent deliveries, newest first; refreshed every 5 s while one is still being processed. */
export function useDeliveries(integrationId: string, configId: string, statuses: readonly DeliveryStatus[]) {
  return useQuery({
    queryKey: integrationKeys.deliveries(integrationId, configId, statuses.join(',')),
    queryFn: ({ signal }) =>
      api.get<Page<Delivery>>(
        `/integrations/${integrationId}/webhooks/inbound/${configId}/deliveries`,
        { status: statuses, limit: 50 },
        signal,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.data.some((delivery) => delivery.status === 'received' || delivery.status === 'processing') ? 5_000 : false,
  });
}

export function useRedeliver(integrationId: string, configId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post<Delivery>(`/integrations/${integrationId}/webhooks/inbound/${configId}/deliveries/${deliveryId}/redeliver`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.inbound(integrationId) }),
  });
}

export function useFeedbackTargets(integrationId: string) {
  return useQuery({
    queryKey: integrationKeys.outbound(integrationId),
    queryFn: ({ signal }) => api.get<FeedbackTarget[]>(`/integrations/${integrationId}/webhooks/outbound`, undefined, signal),
  });
}

export function useCreateFeedbackTarget(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: TargetRequest) =>
      api.post<FeedbackTarget>(`/integrations/${integrationId}/webhooks/outbound`, request),
    meta: { fieldErrorsInline: true },
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.outbound(integrationId) }),
  });
}

export function useDeleteFeedbackTarget(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targetId: string) => api.delete(`/integrations/${integrationId}/webhooks/outbound/${targetId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: integrationKeys.outbound(integrationId) }),
  });
}

export function useFeedbackHistory(integrationId: string, targetId: string) {
  return useQuery({
    queryKey: integrationKeys.history(integrationId, targetId),
    queryFn: ({ signal }) =>
      api.get<Page<OutboxEntry>>(`/integrations/${integrationId}/webhooks/outbound/${targetId}/deliveries`, { limit: 50 }, signal),
    refetchInterval: (query) =>
      query.state.data?.data.some((entry) => entry.status === 'pending') ? 3_000 : false,
  });
}

/** Sends a test event (custom targets) or checks the token (provider targets). */
export function useTestFeedbackTarget(integrationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (targetId: string) =>
      api.post<ConnectionResult>(`/integrations/${integrationId}/webhooks/outbound/${targetId}/test`, { eventType: 'test' }),
    onSuccess: (_result, targetId) => client.invalidateQueries({ queryKey: integrationKeys.history(integrationId, targetId) }),
  });
}

export type WebhookCounts = Schemas['Counts'];
export type WebhookStatus = Omit<WithRequired<Schemas['WebhookStatus'], 'since' | 'webhooks'>, 'failedDeliveries'> & {
  failedDeliveries?: { count?: number; recent?: Delivery[] };
};

/** Webhook operations (administrators): deliveries per webhook in the last 24 h, failure rates, recent failures. */
export function useWebhookStatus(enabled: boolean) {
  return useQuery({
    queryKey: ['webhooks', 'status'] as const,
    queryFn: ({ signal }) => api.get<WebhookStatus>('/webhooks/status', { hours: 24 }, signal),
    enabled,
    refetchInterval: 30_000,
  });
}
