package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.TimeField;

import java.util.List;
import java.util.Map;

/**
 * Recurring revenue lines: a line belongs to its account's owner (the account with the line's source and external
 * id), on the first day of its month. A line of an account without owner counts for the company only.
 */
final class RevenueSource extends RecordSource {

    static final String FROM = "revenue_line r left join account acc"
            + " on acc.company_id = r.company_id and acc.source = r.source and acc.external_id = r.account_ref";

    @Override
    List<TimeField> times() {
        return List.of(TimeField.MONTH);
    }

    @Override
    String from(TimeField time, Frame frame, Sql sql) {
        return FROM;
    }

    @Override
    String alias() {
        return "r";
    }

    @Override
    String inPeriod(TimeField time, Frame frame, Sql sql) {
        return "r.month >= " + sql.bind(frame.period().start()) + " and r.month < " + sql.bind(frame.period().end());
    }

    @Override
    String person() {
        return "acc.owner_id";
    }

    @Override
    String day(TimeField time, Frame frame, Sql sql) {
        return "r.month";
    }

    @Override
    Map<String, String> measures(TimeField time) {
        return Map.of("mrr", "r.mrr");
    }

    @Override
    Map<String, String> attributes(TimeField time) {
        return Map.of("source", "r.source", "accountRef", "r.account_ref", "segment", "acc.segment", "industry", "acc.industry",
                "currency", "r.currency");
    }

    @Override
    List<String> amounts() {
        return List.of("mrr");
    }

    @Override
    List<Column> columns(TimeField time, Frame frame, Sql sql) {
        return List.of(new Column("Month", "to_char(r.month, 'YYYY-MM')"), new Column("Account", "r.account_ref"),
                new Column("Owner", "pn.display_name"), new Column("MRR", "r.mrr"), new Column("Currency", "r.currency"),
                new Column("Source", "r.source"));
    }

    @Override
    String newestFirst(TimeField time) {
        return "r.month desc, r.id desc";
    }

    @Override
    String distinct(String field, TimeField time) {
        return "account".equals(field) ? distinctRef("r", "account_ref") : super.distinct(field, time);
    }
}
