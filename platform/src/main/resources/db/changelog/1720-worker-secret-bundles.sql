--liquibase formatted sql

--changeset viberglass:1720-worker-secret-bundles
-- a Docker worker's credentials and callback token between dispatch and the worker's one fetch: sealed with a key
-- derived from the one-time token only the container holds (this table alone opens nothing), wiped when fetched; the
-- row stays so a second fetch is answered 410 and audited
create table worker_secret_bundles (
    job_id uuid primary key references jobs (id) on delete cascade,
    token_hash varchar(64) not null,
    claim_token_hash varchar(64) not null,
    nonce bytea,
    sealed bytea,
    created_at timestamptz not null,
    fetched_at timestamptz,
    check ((fetched_at is null) = (sealed is not null and nonce is not null))
);
--rollback drop table worker_secret_bundles;
