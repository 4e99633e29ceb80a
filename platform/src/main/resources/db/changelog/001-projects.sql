--liquibase formatted sql

--changeset viberglass:001-projects
create table projects (
    id uuid primary key,
    name varchar(255) not null,
    slug varchar(255) not null,
    description text,
    agent_instructions text,
    auto_fix_enabled boolean not null default false,
    auto_fix_tags text[] not null default '{}',
    webhook_url varchar(500),
    primary_ticketing_integration_id uuid,
    primary_scm_integration_id uuid,
    archived_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint projects_slug_key unique (slug),
    constraint projects_slug_format check (slug ~ '^[a-z0-9]+(?:-[a-z0-9]+)*$')
);
create unique index projects_name_key on projects (lower(name));
create index projects_archived_created_idx on projects (archived_at, created_at desc);

create table project_scm_configs (
    project_id uuid primary key references projects (id) on delete cascade,
    provider varchar(20) not null check (provider in ('github', 'gitlab', 'bitbucket', 'git')),
    repository_url varchar(2000) not null,
    base_branch varchar(255) not null,
    pull_request_repository_url varchar(2000),
    pull_request_base_branch varchar(255),
    branch_name_template varchar(255),
    api_url varchar(2000),
    integration_id uuid,
    credential_id uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
--rollback drop table project_scm_configs; drop table projects;
