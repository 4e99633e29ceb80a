--liquibase formatted sql

--changeset viberglass:1750-session-presence splitStatements:false
-- who has a session's event stream open, one row per person per replica serving them (connections counts their tabs
-- there); a person is present while any replica has a row. Each replica refreshes seen_at of its rows on an interval,
-- and any replica deletes the rows of one that stopped refreshing (it died). Rows coming and going tell every replica,
-- as the change commits, to recompute the session's presence; refreshing seen_at and counting tabs tell nobody.
create table session_presence (
    session_id uuid not null references agent_sessions (id) on delete cascade,
    presence_key varchar(300) not null,
    replica_id uuid not null,
    user_id uuid,
    user_name varchar(255) not null,
    connections integer not null check (connections > 0),
    joined_at timestamptz not null,
    seen_at timestamptz not null,
    primary key (session_id, presence_key, replica_id)
);
create index session_presence_replica on session_presence (replica_id);
create index session_presence_seen on session_presence (seen_at);
create function notify_session_presence() returns trigger language plpgsql as $$
begin
    -- one notification per session and statement (an expiry deletes many rows at once)
    if tg_op = 'INSERT' then
        perform pg_notify('viberglass_presence', changed.session_id::text)
        from (select distinct session_id from new_rows) changed;
    else
        perform pg_notify('viberglass_presence', changed.session_id::text)
        from (select distinct session_id from old_rows) changed;
    end if;
    return null;
end;
$$;
create trigger session_presence_notify_insert after insert on session_presence
    referencing new table as new_rows
    for each statement execute function notify_session_presence();
create trigger session_presence_notify_delete after delete on session_presence
    referencing old table as old_rows
    for each statement execute function notify_session_presence();
--rollback drop table session_presence; drop function notify_session_presence();
