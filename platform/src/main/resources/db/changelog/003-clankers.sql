--liquibase formatted sql

--changeset viberglass:003-clankers
create table clankers (
    id uuid primary key,
    name varchar(255) not null,
    slug varchar(255) not null,
    description text,
    agent varchar(50) not null check (agent in ('claude-code', 'codex', 'gemini-cli', 'qwen-code', 'opencode',
        'kimi-code', 'mistral-vibe')),
    agent_options jsonb not null default '{}',
    deployment_strategy varchar(20) not null check (deployment_strategy in ('local', 'docker', 'ecs', 'lambda')),
    deployment_config jsonb not null default '{}',
    concurrency_limit integer check (concurrency_limit is null or concurrency_limit > 0),
    status varchar(20) not null default 'inactive' check (status in ('inactive', 'deploying', 'active', 'failed')),
    status_message text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint clankers_slug_key unique (slug),
    constraint clankers_slug_format check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$')
);
--rollback drop table clankers;
