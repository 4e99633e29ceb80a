--liquibase formatted sql

--changeset viberglass:1720-worker-secret-bundles
-- a Docker worker's credentials and callback token (or, for a restricted run's egress proxy, its callback token only)
-- between dispatch and that container's one fetch: sealed with a key derived from the one-time token only the container
-- holds (this table alone opens nothing), wiped when fetched; the row stays so a second fetch is answered 410 and audited
create table worker_secret_bundles (
    job_id uuid not null references jobs (id) on delete cascade,
    holder varchar(20) not null check (holder in ('worker', 'egress-proxy')),
    token_hash varchar(64) not null,
    claim_token_hash varchar(64) not null,
    nonce bytea,
    sealed bytea,
    created_at timestamptz not null,
    fetched_at timestamptz,
    primary key (job_id, holder),
    check ((fetched_at is null) = (sealed is not null and nonce is not null))
);
--rollback drop table worker_secret_bundles;
