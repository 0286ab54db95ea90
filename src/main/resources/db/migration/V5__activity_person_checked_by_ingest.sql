-- Activities are the high-volume table: a load brings millions of rows for a few dozen people. A foreign key
-- would make PostgreSQL lock the person's row once for every activity inserted (FOR KEY SHARE, which piles up
-- multixacts when thousands of rows name the same person) and it cost more than half of a bulk load's time.
-- The ingest engine checks every person against the company's people before staging a row, and people are
-- deactivated, never deleted, once they have history; so the key is dropped here, on this table only.
alter table activity drop constraint activity_company_id_person_id_fkey;
