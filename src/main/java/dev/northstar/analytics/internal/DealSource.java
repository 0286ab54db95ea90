package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.TimeField;

import java.util.List;
import java.util.Map;

/**
 * Deals: a deal belongs to its owner, on its created or closed date; or, for {@code OPEN_AT_END}, on the period's
 * last day, in the stage it was in when the period ended (its last stage change before the end, or its current stage
 * when its history has none). A deal without a created date is in no CREATED or OPEN_AT_END period.
 */
final class DealSource extends RecordSource {

    @Override
    List<TimeField> times() {
        return List.of(TimeField.CREATED, TimeField.CLOSED, TimeField.OPEN_AT_END);
    }

    @Override
    String from(TimeField time, Frame frame, Sql sql) {
        String from = "deal d left join account acc on acc.company_id = d.company_id and acc.source = d.source and acc.external_id = d.account_ref";
        if (time == TimeField.OPEN_AT_END) {
            from += " left join lateral (select sc.stage from deal_stage_change sc where sc.company_id = d.company_id and sc.deal_id = d.id"
                    + " and sc.changed_at < " + sql.bind(frame.endInstant()) + " order by sc.changed_at desc, sc.id desc limit 1) at_end on true";
        }
        return from + " left join pipeline_stage ps on ps.company_id = d.company_id and ps.key = " + stage(time);
    }

    @Override
    String alias() {
        return "d";
    }

    @Override
    String inPeriod(TimeField time, Frame frame, Sql sql) {
        String start = sql.bind(frame.period().start());
        String end = sql.bind(frame.period().end());
        if (time == TimeField.CREATED) {
            return "d.created_on >= " + start + " and d.created_on < " + end;
        }
        if (time == TimeField.CLOSED) {
            return "d.closed_on >= " + start + " and d.closed_on < " + end;
        }
        return "d.created_on < " + end + " and (d.closed_on is null or d.closed_on >= " + end + ")";
    }

    @Override
    String person() {
        return "d.owner_id";
    }

    @Override
    String day(TimeField time, Frame frame, Sql sql) {
        if (time == TimeField.CREATED) {
            return "d.created_on";
        }
        if (time == TimeField.CLOSED) {
            return "d.closed_on";
        }
        return sql.bind(frame.lastDay());
    }

    @Override
    Map<String, String> measures(TimeField time) {
        return Map.of("amount", "d.amount",
                "weightedAmount", "(d.amount * ps.win_probability * 0.01)",
                "cycleDays", "(d.closed_on - d.created_on)");
    }

    @Override
    Map<String, String> attributes(TimeField time) {
        return Map.of("stage", stage(time),
                // A deal open at the period's end was open then, whatever it is now.
                "outcome", time == TimeField.OPEN_AT_END ? "'open'" : "d.outcome",
                "currency", "d.currency", "source", "d.source", "accountRef", "d.account_ref",
                "segment", "acc.segment", "industry", "acc.industry",
                "hasAmount", "(d.amount is not null)", "hasExpectedClose", "(d.expected_close_on is not null)");
    }

    @Override
    List<String> amounts() {
        return List.of("amount", "weightedAmount");
    }

    @Override
    List<Column> columns(TimeField time, Frame frame, Sql sql) {
        Map<String, String> attributes = attributes(time);
        return List.of(new Column("Deal", "d.name"), new Column("Owner", "pn.display_name"), new Column("Stage", attributes.get("stage")),
                new Column("Outcome", attributes.get("outcome")), new Column("Amount", "d.amount"), new Column("Currency", "d.currency"),
                new Column("Created", "d.created_on"), new Column("Closed", "d.closed_on"), new Column("Account", "d.account_ref"),
                new Column("Source", "d.source"), new Column("External id", "d.external_id"));
    }

    @Override
    String newestFirst(TimeField time) {
        return (time == TimeField.CLOSED ? "d.closed_on" : "d.created_on") + " desc nulls last, d.id desc";
    }

    @Override
    String distinct(String field, TimeField time) {
        return "account".equals(field) ? distinctRef("d", "account_ref") : super.distinct(field, time);
    }

    private static String stage(TimeField time) {
        return time == TimeField.OPEN_AT_END ? "coalesce(at_end.stage, d.stage)" : "d.stage";
    }
}
