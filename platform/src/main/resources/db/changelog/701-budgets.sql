--liquibase formatted sql

--changeset viberglass:701-budgets
-- per project: most one run, and all runs of a calendar month (UTC), may spend through the model proxy
create table project_cost_controls (
    project_id uuid primary key references projects (id) on delete cascade,
    run_budget_usd numeric(12, 2) check (run_budget_usd > 0),
    monthly_budget_usd numeric(12, 2) check (monthly_budget_usd > 0),
    updated_at timestamptz not null
);

-- each 80 % warning once per scope and period (a job id for run budgets, YYYY-MM for monthly ones)
create table budget_warnings (
    scope_type varchar(20) not null check (scope_type in ('run', 'project', 'clanker')),
    scope_id uuid not null,
    period varchar(64) not null,
    created_at timestamptz not null,
    primary key (scope_type, scope_id, period)
);
--rollback drop table budget_warnings; drop table project_cost_controls;
