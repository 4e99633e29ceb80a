--liquibase formatted sql

--changeset viberglass:1721-webhook-config-notify splitStatements:false
-- every replica caches webhook configurations with their secrets; these tell all of them, as the change commits, to
-- forget a webhook that changed or went, or every webhook using a secret that was rotated or deleted (through the
-- webhook API, the secrets API, a cascade or the re-encrypt command alike). Rejection counters notify nobody.
create function notify_webhook_config() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_webhook_config', 'config:' || old.id::text);
    return null;
end;
$$;
create trigger webhook_inbound_configs_notify
    after update of integration_id, provider, project_id, provider_project_id, secret_id, secret_owned, allowed_events,
        auto_execute, auto_execute_mode, required_labels, bot_username, clanker_id, follow_up_limit, options, active
        or delete on webhook_inbound_configs
    for each row execute function notify_webhook_config();
create function notify_webhook_secret() returns trigger language plpgsql as $$
begin
    perform pg_notify('viberglass_webhook_config', 'secret:' || old.id::text);
    return null;
end;
$$;
create trigger secrets_notify_webhook_config
    after update of storage, env_name, ssm_parameter, ciphertext, nonce, key_id or delete on secrets
    for each row execute function notify_webhook_secret();
--rollback drop trigger secrets_notify_webhook_config on secrets; drop function notify_webhook_secret(); drop trigger webhook_inbound_configs_notify on webhook_inbound_configs; drop function notify_webhook_config();
