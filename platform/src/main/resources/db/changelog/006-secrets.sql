--liquibase formatted sql

--changeset viberglass:006-secrets
create table secrets (
    id uuid primary key,
    project_id uuid references projects (id) on delete cascade,
    name varchar(255) not null check (name ~ '^[A-Za-z_][A-Za-z0-9_]*$'),
    storage varchar(20) not null check (storage in ('env', 'database', 'ssm')),
    env_name varchar(255),
    ssm_parameter varchar(1024),
    ciphertext bytea,
    nonce bytea,
    key_id varchar(50),
    created_at timestamptz not null,
    updated_at timestamptz not null,
    updated_by varchar(255),
    constraint secrets_name_key unique nulls not distinct (project_id, name),
    constraint secrets_database_has_ciphertext check ((storage = 'database') = (ciphertext is not null)),
    constraint secrets_env_has_name check (storage <> 'env' or env_name is not null),
    constraint secrets_ssm_has_parameter check (storage <> 'ssm' or ssm_parameter is not null)
);
create index secrets_project_idx on secrets (project_id, name);

create table clanker_secrets (
    clanker_id uuid not null references clankers (id) on delete cascade,
    secret_id uuid not null references secrets (id) on delete restrict,
    primary key (clanker_id, secret_id)
);
create index clanker_secrets_secret_idx on clanker_secrets (secret_id);

-- the project's SCM credential is a secret (its token); deleting a secret in use is refused
alter table project_scm_configs add constraint project_scm_configs_credential_fkey
    foreign key (credential_id) references secrets (id) on delete restrict;
--rollback alter table project_scm_configs drop constraint project_scm_configs_credential_fkey; drop table clanker_secrets; drop table secrets;
