--liquibase formatted sql

--changeset viberglass:700-model-broker
-- the per-job token a worker's agent presents to the model proxy instead of the real key; only its hash is kept,
-- and it is good only while its job runs and until expires_at
create table llm_job_grants (
    job_id uuid primary key references jobs (id) on delete cascade,
    token_hash char(64) not null unique,
    provider varchar(20) not null check (provider in ('anthropic', 'openai')),
    proxy_url varchar(2000) not null,
    expires_at timestamptz not null,
    created_at timestamptz not null
);

-- one row per model request that went through the proxy
create table llm_usage (
    id bigserial primary key,
    job_id uuid not null references jobs (id) on delete cascade,
    project_id uuid not null references projects (id) on delete cascade,
    ticket_id uuid references tickets (id) on delete set null,
    clanker_id uuid references clankers (id) on delete set null,
    provider varchar(20) not null,
    model varchar(200),
    status integer not null,
    streamed boolean not null,
    input_tokens bigint not null default 0 check (input_tokens >= 0),
    output_tokens bigint not null default 0 check (output_tokens >= 0),
    cached_input_tokens bigint not null default 0 check (cached_input_tokens >= 0),
    cache_write_tokens bigint not null default 0 check (cache_write_tokens >= 0),
    cost_usd numeric(18, 8),
    created_at timestamptz not null
);
create index llm_usage_job_idx on llm_usage (job_id);
create index llm_usage_project_created_idx on llm_usage (project_id, created_at);
create index llm_usage_clanker_created_idx on llm_usage (clanker_id, created_at);
create index llm_usage_ticket_idx on llm_usage (ticket_id);

-- per clanker: whether its model key goes through the broker, and its budgets
create table clanker_cost_controls (
    clanker_id uuid primary key references clankers (id) on delete cascade,
    model_broker boolean not null default true,
    run_budget_usd numeric(12, 2) check (run_budget_usd > 0),
    monthly_budget_usd numeric(12, 2) check (monthly_budget_usd > 0),
    updated_at timestamptz not null
);
--rollback drop table clanker_cost_controls; drop table llm_usage; drop table llm_job_grants;
