--liquibase formatted sql

--changeset viberglass:450-slack-session-threads
-- the live agent session a ticket thread talks to, and how far into its timeline the thread has been told: the bridge
-- queues what is new and moves the cursor in one transaction, so nothing is told twice or lost across restarts
alter table chat_ticket_threads
    add column session_id uuid references agent_sessions (id) on delete set null,
    add column session_cursor bigint not null default 0;
create index chat_ticket_threads_session_idx on chat_ticket_threads (session_id) where session_id is not null;
--rollback drop index chat_ticket_threads_session_idx; alter table chat_ticket_threads drop column session_cursor, drop column session_id;
