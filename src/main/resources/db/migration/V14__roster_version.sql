-- Who is in which team today is kept in memory per company by the organization module (a company leaderboard and
-- every API batch ask for thousands of people). A copy serves while the company's roster version is the one it was
-- read at. Any change to people, memberships, teams or departments, by the application or by hand, moves the version,
-- once per transaction: the transaction's id is kept beside it, and later statements of the same transaction find it.
-- Changes of one company's roster wait for each other's commit on this row; other companies' do not.
create table roster_version (
    company_id bigint primary key references company (id) on delete cascade,
    version    bigint not null,
    changed_in xid8   not null
);

create function roster_changed() returns trigger language plpgsql as $$
declare
    changed_company bigint := case when tg_op = 'DELETE' then old.company_id else new.company_id end;
begin
    insert into roster_version as r (company_id, version, changed_in) values (changed_company, 1, pg_current_xact_id())
    on conflict (company_id) do update set version = r.version + 1, changed_in = excluded.changed_in
        where r.changed_in <> excluded.changed_in;
    return null;
end $$;

create trigger person_roster after insert or update or delete on person for each row execute function roster_changed();
create trigger membership_roster after insert or update or delete on membership for each row execute function roster_changed();
create trigger team_roster after insert or update or delete on team for each row execute function roster_changed();
create trigger department_roster after insert or update or delete on department for each row execute function roster_changed();
