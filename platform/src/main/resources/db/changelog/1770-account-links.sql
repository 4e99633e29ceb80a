--liquibase formatted sql

--changeset viberglass:1770-account-links
-- One-time invite and password reset links. Only the SHA-256 of the token is kept: the token itself lives in the
-- link an administrator hands over, so a copy of this table opens no account.
create table account_links (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    kind varchar(10) not null check (kind in ('invite', 'reset')),
    token_hash char(64) not null,
    issued_by uuid references users (id) on delete set null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    revoked_at timestamptz,
    constraint account_links_token_hash_key unique (token_hash)
);
-- at most one usable link per user: issuing a new one revokes the older one in the same transaction
create unique index account_links_one_open_per_user on account_links (user_id)
    where used_at is null and revoked_at is null;
