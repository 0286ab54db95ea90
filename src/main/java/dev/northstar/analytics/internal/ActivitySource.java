package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.TimeField;

import java.util.List;
import java.util.Map;

/** Activities: an activity belongs to its person, and to the company's day at its occurred time. */
final class ActivitySource extends RecordSource {

    @Override
    List<TimeField> times() {
        return List.of(TimeField.OCCURRED);
    }

    @Override
    String from(TimeField time, Frame frame, Sql sql) {
        return "activity a";
    }

    @Override
    String alias() {
        return "a";
    }

    @Override
    String inPeriod(TimeField time, Frame frame, Sql sql) {
        // Instants rather than days, so that the index on (company, person, occurred_at) serves a person or a team;
        // they are the zone's day boundaries. A whole company's period is a scan of its activities.
        return "a.occurred_at >= " + sql.bind(frame.startInstant()) + " and a.occurred_at < " + sql.bind(frame.endInstant());
    }

    @Override
    String person() {
        return "a.person_id";
    }

    @Override
    String day(TimeField time, Frame frame, Sql sql) {
        return "(a.occurred_at at time zone " + sql.bind(frame.zone()) + ")::date";
    }

    @Override
    Map<String, String> measures(TimeField time) {
        return Map.of("quantity", "a.quantity");
    }

    @Override
    Map<String, String> attributes(TimeField time) {
        return Map.of("type", "a.type", "source", "a.source", "accountRef", "a.account_ref", "dealRef", "a.deal_ref");
    }

    @Override
    List<String> amounts() {
        return List.of();
    }

    @Override
    List<Column> columns(TimeField time, Frame frame, Sql sql) {
        return List.of(new Column("Occurred", "to_char(a.occurred_at at time zone " + sql.bind(frame.zone()) + ", 'YYYY-MM-DD HH24:MI')"),
                new Column("Person", "pn.display_name"), new Column("Type", "a.type"), new Column("Quantity", "a.quantity"),
                new Column("Account", "a.account_ref"), new Column("Deal", "a.deal_ref"), new Column("Source", "a.source"),
                new Column("External id", "a.external_id"));
    }

    @Override
    String newestFirst(TimeField time) {
        return "a.occurred_at desc, a.id desc";
    }

    @Override
    String distinct(String field, TimeField time) {
        if ("account".equals(field)) {
            return distinctRef("a", "account_ref");
        }
        if ("deal".equals(field)) {
            return distinctRef("a", "deal_ref");
        }
        return super.distinct(field, time);
    }
}
