--liquibase formatted sql

--changeset viberglass:800-integration-credentials
-- named credentials of an integration (SCM tokens, Jira / Shortcut / Slack tokens), each backed by a secret;
-- at most one is the integration's default, and one may expire
create table integration_credentials (
    id uuid primary key,
    integration_id uuid not null references integrations (id) on delete cascade,
    name varchar(255) not null,
    credential_type varchar(20) not null default 'token' check (credential_type in ('token', 'basic', 'oauth', 'ssh_key')),
    secret_id uuid not null references secrets (id) on delete restrict,
    -- the secret was created from a value given to this credential (deleted with it)
    secret_owned boolean not null default false,
    is_default boolean not null default false,
    description text,
    expires_at timestamptz,
    last_used_at timestamptz,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint integration_credentials_name_key unique (integration_id, name)
);
create unique index integration_credentials_default_key on integration_credentials (integration_id) where is_default;
create index integration_credentials_secret_idx on integration_credentials (secret_id);

-- a repository pushes with one of its SCM integration's credentials; a credential in use cannot be deleted
alter table project_scm_configs add column integration_credential_id uuid
    references integration_credentials (id) on delete restrict;
create index project_scm_configs_integration_credential_idx on project_scm_configs (integration_credential_id);
--rollback alter table project_scm_configs drop column integration_credential_id; drop table integration_credentials;
