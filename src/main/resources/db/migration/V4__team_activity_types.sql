-- The activity logger (C6): which activity types each team logs. A team without rows logs every type of
-- its company (also types added later); a team with rows logs only those. Company admins choose them.
--
-- type_key has no foreign key: the built-in types (call, email, meeting, lead_created, opportunity_created)
-- are not rows of activity_type, so the application checks a key against the company's types instead.
-- Deleting a team (allowed only while it has no history) takes its choice with it.
create table team_activity_type (
    company_id bigint not null,
    team_id    bigint not null,
    type_key   text   not null check (type_key ~ '^[a-z][a-z0-9_]{0,39}$'),
    primary key (company_id, team_id, type_key),
    foreign key (company_id, team_id) references team (company_id, id) on delete cascade
);
