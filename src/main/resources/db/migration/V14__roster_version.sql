-- Who is in which team today is kept in memory per company by the organization module (a company's leaderboard lists
-- thousands of people). A copy serves while the company's roster version is the one it was read at. Every committed
-- change to what that list holds moves the version: a person's name, e-mail, activity or company, a membership, a
-- team's department; TRUNCATE moves every company's.
--  - Versions come from a sequence, so a number is never given twice, even after a company's row is deleted.
--  - The triggers run at commit (deferred), once per transaction: the row is locked last and only while committing, so
--    a long import does not hold other changes of the company up, nor deadlock with them.
create sequence roster_versions;

create table roster_version (
    company_id bigint primary key references company (id) on delete cascade,
    version    bigint not null,
    changed_in xid8   not null
);

create function roster_moved(changed_company bigint) returns void language sql as $$
    insert into roster_version as r (company_id, version, changed_in)
    values (changed_company, nextval('roster_versions'), pg_current_xact_id())
    on conflict (company_id) do update set version = nextval('roster_versions'), changed_in = excluded.changed_in
        where r.changed_in <> excluded.changed_in;
$$;

create function roster_changed() returns trigger language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform roster_moved(old.company_id);
    end if;
    if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.company_id <> old.company_id) then
        perform roster_moved(new.company_id);
    end if;
    return null;
end $$;

create function roster_truncated() returns trigger language plpgsql as $$
begin
    update roster_version set version = nextval('roster_versions'), changed_in = pg_current_xact_id();
    return null;
end $$;

create constraint trigger person_roster after insert or delete or update of display_name, email, active, company_id on person
    deferrable initially deferred for each row execute function roster_changed();
create constraint trigger membership_roster after insert or update or delete on membership
    deferrable initially deferred for each row execute function roster_changed();
create constraint trigger team_roster after insert or delete or update of department_id, company_id on team
    deferrable initially deferred for each row execute function roster_changed();

create trigger person_roster_truncated after truncate on person for each statement execute function roster_truncated();
create trigger membership_roster_truncated after truncate on membership for each statement execute function roster_truncated();
create trigger team_roster_truncated after truncate on team for each statement execute function roster_truncated();
