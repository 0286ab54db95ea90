-- Every index on activity is paid for by every row a load writes. Measured with the ingest benchmark
-- (./mvnw -Pbench test), the two partial indexes on account_ref and deal_ref made a load about a third slower,
-- and nothing reads them yet: the account pages (C9) will read account metrics from rollups, and add an index
-- of their own if a read path needs one.
drop index activity_account;
drop index activity_deal;
