--liquibase formatted sql

--changeset viberglass:702-quota-pauses
-- a clanker whose provider answered 429 with a reset time: the dispatcher starts none of its jobs until then
create table clanker_pauses (
    clanker_id uuid primary key references clankers (id) on delete cascade,
    paused_until timestamptz not null,
    reason text not null,
    updated_at timestamptz not null
);
--rollback drop table clanker_pauses;
