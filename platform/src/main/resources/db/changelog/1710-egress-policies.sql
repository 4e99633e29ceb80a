--liquibase formatted sql

--changeset viberglass:1710-egress-policies
-- per clanker: how far its Docker/Kubernetes workers may reach on the network; a clanker without a row is 'open'
create table clanker_egress_policies (
    clanker_id uuid primary key references clankers (id) on delete cascade,
    mode varchar(20) not null check (mode in ('none', 'allowlist', 'open')),
    allowed_hosts jsonb not null default '[]'::jsonb check (jsonb_typeof(allowed_hosts) = 'array'),
    updated_at timestamptz not null,
    check (mode = 'allowlist' or allowed_hosts = '[]'::jsonb)
);
--rollback drop table clanker_egress_policies;
