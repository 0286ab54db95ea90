-- Inbound webhooks (C6): another system pushes records to POST /api/v1/webhooks/{name}, signed with the source's secret.
--
-- name is the URL's only identifier, so it must name one company: it is unique across companies. Northstar makes
-- it from what the admin typed plus a random suffix ("hubspot-7f3a9c"), so that no admin can take a name away
-- from another company, and a refused name never reveals that another company uses it. It is also the source of
-- every record the webhook brings in, so its records never mix with another way in.
--
-- secret is kept as it was given out, unlike API tokens (kept as a hash): checking an HMAC signature means
-- computing it again with the secret itself, which a hash cannot do. It is never logged nor shown again.
-- person_id is the company admin who created the source; the webhook acts as them.
create table webhook_source (
    company_id   bigint      not null references company (id),
    name         text        not null check (name ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(name) <= 60),
    secret       text        not null check (secret ~ '^[0-9a-f]{64}$'),
    person_id    bigint      not null,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz,
    primary key (company_id, name),
    unique (name),
    foreign key (company_id, person_id) references person (company_id, id)
);
