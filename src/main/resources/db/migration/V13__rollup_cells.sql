-- Coarser rollups (C7): the parts of an additive aggregate per scope and per day, week or month, kept from the
-- person-day rows of rollup_day, so that a company's quarter reads three rows instead of every person's every day.
--   scope_kind 'c' (the company, scope_id 0), 't' (a team: the rows stamped with it), 'p' (a person)
--   grain 'd' (day: teams and the company; a person's days are rollup_day itself), 'w' (week, from the company's
--   week start day), 'm' (calendar month: fiscal quarters and years are whole months)
-- Only records and total are kept: they change by the difference of the person-day rows a recompute replaces, which
-- is what makes a recompute cost as much as the cells it touches. Smallest and largest value do not: MIN and MAX
-- metrics read rollup_day.
create table rollup_cell (
    company_id bigint  not null,
    metric_key text    not null,
    scope_kind "char"  not null,
    scope_id   bigint  not null,
    grain      "char"  not null,
    start      date    not null,
    records    bigint  not null,
    total      numeric not null,
    primary key (company_id, metric_key, scope_kind, scope_id, grain, start)
) with (fillfactor = 70);
-- A leaderboard reads every person's cells of a period at once. Neither index holds records or total, and pages keep
-- room (fillfactor): a recompute's update of a cell then writes no index entry (a HOT update).
create index rollup_cell_period on rollup_cell (company_id, metric_key, scope_kind, grain, start);

-- Rollups built before this migration have no cells: forgetting what they were built from rebuilds them.
delete from rollup_metric;
