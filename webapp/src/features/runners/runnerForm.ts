import type { Runner } from '../../api/types';
import type { RunnerRequest } from './api';

export type Agent = Runner['agent'];
export type Strategy = Runner['deploymentStrategy'];

export const AGENTS: { value: Agent; label: string; summary: string; keys: string[] }[] = [
  { value: 'claude-code', label: 'Claude Code', summary: "Anthropic's coding agent.", keys: ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_API_KEY', 'ANTHROPIC_AUTH_TOKEN'] },
  { value: 'codex', label: 'OpenAI Codex', summary: "OpenAI's Codex CLI.", keys: ['OPENAI_API_KEY', 'CODEX_API_KEY'] },
  { value: 'gemini-cli', label: 'Gemini CLI', summary: "Google's Gemini in the terminal.", keys: ['GEMINI_API_KEY', 'GOOGLE_API_KEY', 'GEMINI_CLI_API_KEY'] },
  { value: 'qwen-code', label: 'Qwen Code', summary: "Alibaba's Qwen coding agent.", keys: ['QWEN_CODE_API_KEY', 'QWEN_CLI_API_KEY'] },
  { value: 'opencode', label: 'OpenCode', summary: 'Open-source agent, any provider.', keys: ['OPENCODE_API_KEY', 'OPENAI_API_KEY'] },
  { value: 'kimi-code', label: 'Kimi Code', summary: "Moonshot's Kimi coding agent.", keys: ['KIMI_API_KEY', 'KIMI_CODE_API_KEY', 'MOONSHOT_API_KEY'] },
  { value: 'mistral-vibe', label: 'Mistral Vibe', summary: "Mistral's coding agent.", keys: ['MISTRAL_API_KEY', 'MISTRAL_VIBE_API_KEY'] },
];

export const STRATEGIES: { value: Strategy; label: string; summary: string }[] = [
  { value: 'local', label: 'Local process', summary: 'A worker process next to the platform. For laptops and single machines.' },
  { value: 'docker', label: 'Docker', summary: 'A container per run on a Docker engine.' },
  { value: 'ecs', label: 'AWS ECS', summary: 'A Fargate (or EC2) task per run.' },
  { value: 'lambda', label: 'AWS Lambda', summary: 'A function invocation per run.' },
  { value: 'kubernetes', label: 'Kubernetes', summary: 'A Kubernetes Job per run in the platform’s cluster.' },
];

/** The settings each strategy reads from `deploymentConfig`, as form fields (all text; converted on save). */
export interface ConfigField {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'list' | 'boolean' | 'select';
  required?: boolean;
  hint?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
}

export const CONFIG_FIELDS: Record<Strategy, ConfigField[]> = {
  local: [],
  docker: [
    {
      key: 'image',
      label: 'Worker image',
      kind: 'text',
      placeholder: 'ghcr.io/acme/viberator-claude:1.4',
      hint: "The agent's catalog image when empty; starting the runner pulls it if the engine lacks it.",
    },
    {
      key: 'pullPolicy',
      label: 'Pull policy',
      kind: 'select',
      options: [
        { value: '', label: 'Platform default' },
        { value: 'if-missing', label: 'When missing' },
        { value: 'always', label: 'Before every run' },
        { value: 'never', label: 'Never' },
      ],
    },
    { key: 'networkMode', label: 'Network', kind: 'text', placeholder: 'bridge', hint: 'Docker network mode; the platform default when empty.' },
    { key: 'cpus', label: 'CPUs', kind: 'number', min: 0.1, max: 64, placeholder: '2' },
    { key: 'memoryMb', label: 'Memory (MB)', kind: 'number', min: 128, max: 262_144, placeholder: '4096' },
  ],
  ecs: [
    { key: 'cluster', label: 'Cluster', kind: 'text', required: true, placeholder: 'arn:aws:ecs:eu-west-1:123456789012:cluster/workers' },
    { key: 'taskDefinition', label: 'Task definition', kind: 'text', required: true, placeholder: 'viberator-claude:3' },
    { key: 'subnets', label: 'Subnets', kind: 'list', required: true, placeholder: 'subnet-0abc, subnet-0def', hint: 'Comma-separated subnet ids.' },
    { key: 'securityGroups', label: 'Security groups', kind: 'list', placeholder: 'sg-0123', hint: 'Comma-separated.' },
    { key: 'containerName', label: 'Container name', kind: 'text', placeholder: 'worker', hint: 'The platform default when empty.' },
    {
      key: 'launchType',
      label: 'Launch type',
      kind: 'select',
      options: [
        { value: '', label: 'Fargate (default)' },
        { value: 'FARGATE', label: 'Fargate' },
        { value: 'EC2', label: 'EC2' },
      ],
    },
    { key: 'region', label: 'Region', kind: 'text', placeholder: 'eu-west-1', hint: "The platform's region when empty." },
    { key: 'assignPublicIp', label: 'Assign a public IP', kind: 'boolean', hint: 'Only for subnets without a NAT gateway.' },
  ],
  lambda: [
    { key: 'functionName', label: 'Function', kind: 'text', required: true, placeholder: 'viberator-claude' },
    { key: 'qualifier', label: 'Version or alias', kind: 'text', placeholder: 'live' },
    { key: 'region', label: 'Region', kind: 'text', placeholder: 'eu-west-1', hint: "The platform's region when empty." },
  ],
  kubernetes: [
    { key: 'image', label: 'Worker image', kind: 'text', placeholder: 'registry.example.com/viberglass/worker-codex:1.0.0', hint: "The platform's image for the agent when empty." },
    { key: 'namespace', label: 'Namespace', kind: 'text', placeholder: 'viberglass-workers', hint: 'The platform default when empty.' },
    { key: 'serviceAccount', label: 'Service account', kind: 'text', placeholder: 'viberator' },
    { key: 'cpuLimit', label: 'CPU limit', kind: 'text', placeholder: '2' },
    { key: 'memoryLimit', label: 'Memory limit', kind: 'text', placeholder: '4Gi' },
  ],
};

export interface RunnerForm {
  name: string;
  description: string;
  agent: Agent;
  model: string;
  endpoint: string;
  strategy: Strategy;
  /** Per strategy, so switching back and forth keeps what was typed. */
  config: Record<Strategy, Record<string, string>>;
  concurrencyLimit: string;
  secretIds: string[];
}

function configText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  return String(value);
}

export function formOf(runner?: Runner): RunnerForm {
  const config: RunnerForm['config'] = { local: {}, docker: {}, ecs: {}, lambda: {}, kubernetes: {} };
  if (runner) {
    const saved = (runner.deploymentConfig ?? {}) as Record<string, unknown>;
    config[runner.deploymentStrategy] = Object.fromEntries(
      CONFIG_FIELDS[runner.deploymentStrategy].map((field) => [field.key, configText(saved[field.key])]),
    );
  }
  return {
    name: runner?.name ?? '',
    description: runner?.description ?? '',
    agent: runner?.agent ?? 'claude-code',
    model: runner?.agentOptions?.model ?? '',
    endpoint: runner?.agentOptions?.endpoint ?? '',
    strategy: runner?.deploymentStrategy ?? 'local',
    config,
    concurrencyLimit: runner?.concurrencyLimit ? String(runner.concurrencyLimit) : '',
    secretIds: (runner?.secrets ?? []).flatMap((secret) => (secret.id ? [secret.id] : [])),
  };
}

/** Field errors the browser finds, keyed like the platform's (`name`, `deploymentConfig.image`, …). */
export function validateRunner(form: RunnerForm): Record<string, string> {
  const errors: Record<string, string> = {};
  if (form.name.trim() === '') {
    errors.name = 'Give the runner a name';
  } else if (form.name.trim().length > 255) {
    errors.name = 'Keep the name under 255 characters';
  }
  if (form.description.length > 5000) {
    errors.description = 'Keep the description under 5,000 characters';
  }
  if (form.endpoint.trim() !== '' && !/^https?:\/\/\S+$/.test(form.endpoint.trim())) {
    errors['agentOptions.endpoint'] = 'Must be an http(s) URL';
  }
  const values = form.config[form.strategy];
  for (const field of CONFIG_FIELDS[form.strategy]) {
    const value = (values[field.key] ?? '').trim();
    const path = `deploymentConfig.${field.key}`;
    if (field.required && value === '') {
      errors[path] = `Required for ${STRATEGIES.find((s) => s.value === form.strategy)?.label}`;
    } else if (field.kind === 'number' && value !== '') {
      const number = Number(value);
      if (!Number.isFinite(number) || (field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) {
        errors[path] = `Must be a number from ${field.min} to ${field.max}`;
      }
    }
  }
  if (form.concurrencyLimit.trim() !== '') {
    const limit = Number(form.concurrencyLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
      errors.concurrencyLimit = 'A whole number from 1 to 1000, or empty for no limit';
    }
  }
  return errors;
}

/**
 * The request body. Only the chosen strategy's settings are sent, converted to their types (lists, numbers, true);
 * on an edit, settings this form does not know (such as `environment`) are kept when the strategy stays the same.
 */
export function runnerRequest(form: RunnerForm, current?: Runner): RunnerRequest {
  const config: Record<string, unknown> = {};
  if (current && current.deploymentStrategy === form.strategy) {
    Object.assign(config, current.deploymentConfig ?? {});
  }
  for (const field of CONFIG_FIELDS[form.strategy]) {
    const value = (form.config[form.strategy][field.key] ?? '').trim();
    if (value === '' || (field.kind === 'boolean' && value !== 'true')) {
      delete config[field.key];
    } else if (field.kind === 'number') {
      config[field.key] = Number(value);
    } else if (field.kind === 'list') {
      config[field.key] = value.split(/\s*,\s*/).filter(Boolean);
    } else if (field.kind === 'boolean') {
      config[field.key] = true;
    } else {
      config[field.key] = value;
    }
  }
  const agentOptions: Record<string, string> = { ...(current?.agentOptions ?? {}) };
  for (const [key, value] of [
    ['model', form.model],
    ['endpoint', form.endpoint],
  ] as const) {
    if (value.trim() === '') {
      delete agentOptions[key];
    } else {
      agentOptions[key] = value.trim();
    }
  }
  return {
    name: form.name.trim(),
    description: form.description.trim(),
    agent: form.agent,
    agentOptions,
    deploymentStrategy: form.strategy,
    deploymentConfig: config,
    concurrencyLimit: form.concurrencyLimit.trim() === '' ? undefined : Number(form.concurrencyLimit),
    secretIds: form.secretIds,
  };
}
