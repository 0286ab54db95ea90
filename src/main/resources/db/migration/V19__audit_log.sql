-- The audit log (C12): every change to the company's configuration and to values people type, as the database saw it:
-- who (the person the writing transaction names in northstar.actor; none for background work and the demo), when,
-- which table and row, and the columns that changed, before and after. Triggers write it, so that no page, API call,
-- import or job can change configuration without leaving a line; secrets and bookkeeping columns are left out.
create table audit_event (
    company_id bigint      not null,
    id         bigint generated always as identity,
    at         timestamptz not null default now(),
    actor_id   bigint,
    area       text        not null,
    action     text        not null check (action in ('insert', 'update', 'delete')),
    record_id  text,
    label      text,
    before     jsonb,
    after      jsonb,
    primary key (company_id, id)
);
create index audit_event_recent on audit_event (company_id, id desc);
create index audit_event_area on audit_event (company_id, area, id desc);

-- Append-only: nobody, not even the application's own user, updates or removes a line.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % is not allowed', tg_op;
end $$;
create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- One line per changed row. The trigger's arguments name columns left out: bookkeeping that changes without anyone
-- configuring anything (an update that changes only those writes nothing), and, marked with a leading '!', secrets,
-- whose change is logged but whose value is written as "(secret)".
create function audit_change() returns trigger language plpgsql as $$
declare
    ignored text[] := array(select a from unnest(coalesce(tg_argv, '{}')) a where a not like '!%');
    secrets text[] := array(select substr(a, 2) from unnest(coalesce(tg_argv, '{}')) a where a like '!%');
    old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) - ignored end;
    new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) - ignored end;
    changed_before jsonb;
    changed_after jsonb;
    row_now jsonb;
    secret text;
begin
    if tg_op = 'UPDATE' then
        select jsonb_object_agg(k, old_row -> k), jsonb_object_agg(k, new_row -> k) into changed_before, changed_after
        from jsonb_object_keys(new_row) as k
        where (old_row -> k) is distinct from (new_row -> k);
        if changed_after is null then
            return null;
        end if;
    else
        changed_before := old_row;
        changed_after := new_row;
    end if;
    foreach secret in array secrets loop
        if changed_before ? secret then
            changed_before := jsonb_set(changed_before, array[secret], '"(secret)"');
        end if;
        if changed_after ? secret then
            changed_after := jsonb_set(changed_after, array[secret], '"(secret)"');
        end if;
    end loop;
    row_now := coalesce(new_row, old_row);
    insert into audit_event (company_id, actor_id, area, action, record_id, label, before, after)
    values (coalesce((row_now ->> 'company_id')::bigint, (row_now ->> 'id')::bigint),
            nullif(current_setting('northstar.actor', true), '')::bigint,
            tg_table_name, lower(tg_op), row_now ->> 'id',
            nullif(concat_ws(' · ', coalesce(row_now ->> 'name', row_now ->> 'display_name', row_now ->> 'key', row_now ->> 'type_key',
                                             row_now ->> 'metric_key', row_now ->> 'email', row_now ->> 'kind'),
                             row_now ->> 'scope', row_now ->> 'period_label'), ''),
            changed_before, changed_after);
    return null;
end $$;

create trigger audit after insert or update or delete on company for each row execute function audit_change('created_at');
create trigger audit after insert or update or delete on department for each row execute function audit_change('created_at');
create trigger audit after insert or update or delete on team for each row execute function audit_change('created_at');
create trigger audit after insert or update or delete on person for each row execute function audit_change('!password_hash', 'created_at');
create trigger audit after insert or update or delete on membership for each row execute function audit_change();
create trigger audit after insert or update or delete on company_admin for each row execute function audit_change();
create trigger audit after insert or update or delete on department_manager for each row execute function audit_change();
create trigger audit after insert or update or delete on team_lead for each row execute function audit_change();
create trigger audit after insert or update or delete on api_token for each row execute function audit_change('!token_hash', 'last_used_at', 'created_at');
create trigger audit after insert or update or delete on activity_type for each row execute function audit_change();
create trigger audit after insert or update or delete on team_activity_type for each row execute function audit_change();
create trigger audit after insert or update or delete on pipeline_stage for each row execute function audit_change();
create trigger audit after insert or update or delete on webhook_source for each row execute function audit_change('!secret', 'last_used_at', 'created_at');
create trigger audit after insert or update or delete on import_template for each row execute function audit_change('created_at');
create trigger audit after insert or update or delete on metric_definition for each row execute function audit_change('updated_at', 'updated_by');
create trigger audit after insert or update or delete on key_metric_level for each row execute function audit_change('changed_at', 'changed_by');
create trigger audit after insert or update or delete on key_metric_frequency for each row execute function audit_change();
create trigger audit after insert or update or delete on target for each row execute function audit_change();
create trigger audit after insert or update or delete on metric_threshold for each row execute function audit_change();
create trigger audit after insert or update or delete on status_default for each row execute function audit_change();
create trigger audit after insert or update or delete on manual_value for each row execute function audit_change('recorded_by', 'recorded_at');
create trigger audit after insert or update or delete on dashboard for each row execute function audit_change('created_at', 'updated_at');
create trigger audit after insert or update or delete on tv_link for each row execute function audit_change('!token_hash', 'created_at');
create trigger audit after insert or update or delete on alert_rule for each row
    execute function audit_change('breached', 'breached_since', 'checked_at', 'created_at');
create trigger audit after insert or update or delete on outgoing_webhook for each row
    execute function audit_change('!url_sealed', '!secret_sealed', 'created_at');
