-- Rollups (C7): per metric, person and day, the parts of an additive aggregate, so that a dashboard reads a few
-- rows per day instead of scanning the raw records.

-- The outbox of changed cells: written by ingest in the same transaction as the records it changes (the
-- (person, day) cells a new or corrected record enters and, for a correction, the cell it leaves), and by analytics
-- in the same transaction as a membership change (every day of the person from the change on: onwards). The
-- rollup worker recomputes those cells from the raw records and deletes the markers in one transaction, so that
-- a crash at any moment leaves either the marker or the recomputed cell. Repeats are allowed (no unique key): two
-- loads never wait for each other here.
create table rollup_dirty (
    company_id bigint      not null,
    id         bigint generated always as identity,
    person_id  bigint      not null,
    day        date        not null,
    onwards    boolean     not null default false,
    marked_at  timestamptz not null default now(),
    primary key (company_id, id)
);
-- Reads ask whether a period of a company has pending cells.
create index rollup_dirty_day on rollup_dirty (company_id, day);

-- One row per metric, person and day with records: the records counted (for a measure: those that have it), and
-- the sum, smallest and largest value of the measure. team_id is the team the person was in on that day (null if
-- none), so that team and department scopes read without joining the membership history.
create table rollup_day (
    company_id bigint  not null,
    metric_key text    not null,
    day        date    not null,
    person_id  bigint  not null,
    team_id    bigint,
    records    bigint  not null,
    total      numeric,
    minimum    numeric,
    maximum    numeric,
    primary key (company_id, metric_key, day, person_id)
);
create index rollup_day_person on rollup_day (company_id, person_id, day);
create index rollup_day_team on rollup_day (company_id, metric_key, team_id, day);

-- Which definition each metric's rollups were built from (its formula with the company's zone and currency). A
-- metric whose definition no longer matches is read from the raw records until it is rebuilt.
create table rollup_metric (
    company_id  bigint      not null,
    metric_key  text        not null,
    fingerprint text        not null,
    built_at    timestamptz not null,
    primary key (company_id, metric_key)
);
