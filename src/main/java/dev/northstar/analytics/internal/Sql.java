package dev.northstar.analytics.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query put together from pieces, with every value bound as a named parameter (never pasted into the text): the
 * pieces depend on the metric's source, filters, time field and scope.
 */
final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final Map<String, Object> params = new LinkedHashMap<>();

    Sql append(String piece) {
        text.append(piece);
        return this;
    }

    /** Binds a value (a collection expands to a list, for {@code in (...)}) and returns its placeholder. */
    String bind(Object value) {
        String name = "p" + (params.size() + 1);
        params.put(name, value);
        return ":" + name;
    }

    String text() {
        return text.toString();
    }

    /** Takes over another query's bound values, for a query that wraps its text. */
    Sql withParams(Sql other) {
        params.putAll(other.params);
        return this;
    }

    JdbcClient.StatementSpec on(JdbcClient jdbc) {
        return jdbc.sql(text.toString()).params(params);
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
