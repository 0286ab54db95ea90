-- Metric catalog (C3): each company's metric definitions, one row per metric, and every change to them.
--
-- The descriptive fields are columns; the formula is jsonb in the small shape per formula type that
-- dev.northstar.catalog.internal.FormulaDocuments writes and reads (the same shape as the API and the YAML file).
-- Enum values are stored as their Java names and checked by the application, which also checks what the
-- database cannot: references from formulas to other metrics, cycles, and derived expressions.

create table metric_definition (
    company_id        bigint      not null references company (id),
    metric_key        text        not null check (metric_key ~ '^[a-z][a-z0-9_]{0,59}$'),
    name              text        not null check (length(trim(name)) > 0),
    description       text,
    kind              text        not null,
    timing            text,
    category          text,
    area              text,
    parent_key        text,
    unit              text        not null,
    decimals          smallint    not null default 0 check (decimals between 0 and 6),
    direction         text        not null,
    owner_id          bigint,
    cadence           text,
    review_meeting    text,
    action_when_worse text,
    purpose           text,
    formula           jsonb       not null,
    version           integer     not null check (version > 0),
    updated_at        timestamptz not null,
    updated_by        bigint,
    primary key (company_id, metric_key),
    foreign key (company_id, owner_id) references person (company_id, id),
    foreign key (company_id, updated_by) references person (company_id, id),
    -- Deferred: an import may name a parent that the same transaction creates later.
    foreign key (company_id, parent_key) references metric_definition (company_id, metric_key) deferrable initially deferred
);

-- Edits keep their history: one row per change, with the whole definition before and after (as the API shows it),
-- kept when the metric is deleted, so that a number shown last year can still be explained.
create table metric_definition_version (
    company_id bigint      not null references company (id),
    metric_key text        not null,
    version    integer     not null check (version > 0),
    change     text        not null check (change in ('CREATED', 'UPDATED', 'DELETED')),
    changed_at timestamptz not null,
    changed_by bigint,
    before     json, -- json, not jsonb: kept as written, fields in the order the API shows them; never queried
    after      json,
    primary key (company_id, metric_key, version),
    foreign key (company_id, changed_by) references person (company_id, id),
    check (((change = 'CREATED') = (before is null)) and ((change = 'DELETED') = (after is null)))
);
