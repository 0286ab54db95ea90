package dev.northstar.connectors.internal;

import dev.northstar.shared.InvalidInputException;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Rows of a query against another PostgreSQL database, streamed (fetched a thousand at a time). The session is
 * read-only (a query that writes fails in the database, whatever it says), and bounded: connect and every round trip
 * within the pull's timeout, at most {@code maxRecords + 1} rows.
 */
class JdbcSource implements RecordSource {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<String> columns = new ArrayList<>();

    JdbcSource(String jdbcUrl, String username, String password, String query, String cursor, PullLimits limits) {
        String host = host(jdbcUrl);
        limits.checkHost(host, "jdbcUrl");
        Properties properties = new Properties();
        properties.setProperty("user", username == null ? "" : username);
        properties.setProperty("password", password == null ? "" : password);
        long seconds = Math.max(1, limits.timeout.toSeconds());
        properties.setProperty("connectTimeout", Long.toString(seconds));
        properties.setProperty("loginTimeout", Long.toString(seconds));
        properties.setProperty("socketTimeout", Long.toString(seconds + 5));
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("ApplicationName", "Northstar connector");
        try {
            connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
            if (connection == null) {
                throw new PullFailed("not a PostgreSQL address: " + jdbcUrl);
            }
        } catch (SQLException e) {
            throw new PullFailed("could not connect to " + host + ": " + e.getMessage(), e);
        }
        try {
            try (Statement session = connection.createStatement()) {
                session.execute("set session characteristics as transaction read only");
                session.execute("set statement_timeout = " + limits.timeout.toMillis());
            }
            connection.setAutoCommit(false); // the driver streams rows with a fetch size only inside a transaction
            connection.setReadOnly(true);
            statement = connection.prepareStatement(query.replace("{cursor}", "?"));
            statement.setFetchSize(1_000);
            statement.setMaxRows((int) Math.min(Integer.MAX_VALUE, limits.maxRecords + 1));
            statement.setQueryTimeout((int) seconds);
            int parameters = statement.getParameterMetaData().getParameterCount();
            for (int i = 1; i <= parameters; i++) {
                statement.setString(i, cursor);
            }
            rows = statement.executeQuery();
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e instanceof SQLException ? new PullFailed("the query failed: " + e.getMessage(), e) : (RuntimeException) e;
        }
    }

    /** The host of a {@code jdbc:postgresql://host[:port]/database} address; other databases are refused. */
    static String host(String jdbcUrl) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new InvalidInputException("jdbcUrl", "must be a PostgreSQL address, jdbc:postgresql://host:5432/database");
        }
        if (jdbcUrl.contains("?") || jdbcUrl.contains("&") || jdbcUrl.contains(";")) {
            // the driver lets settings in the address override the host checked here, the time limits and read-only mode
            throw new InvalidInputException("jdbcUrl", "must be only jdbc:postgresql://host:port/database, without settings after it");
        }
        String rest = jdbcUrl.substring(prefix.length());
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        if (authority.contains(",") || authority.contains("@")) {
            throw new InvalidInputException("jdbcUrl", "must name one host, without a user name (the user is its own field)");
        }
        String host = authority.startsWith("[") ? authority.substring(1, authority.indexOf(']'))
                : authority.contains(":") ? authority.substring(0, authority.indexOf(':')) : authority;
        if (host.isBlank()) {
            throw new InvalidInputException("jdbcUrl", "must name a host: jdbc:postgresql://host:5432/database");
        }
        return host;
    }

    @Override
    public SourceRecord next() {
        try {
            if (!rows.next()) {
                return null;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= columns.size(); i++) {
                row.put(columns.get(i - 1), text(rows, i));
            }
            return new MapRecord(columns, row);
        } catch (SQLException e) {
            throw new PullFailed("reading the query's rows failed: " + e.getMessage(), e);
        }
    }

    /** ISO 8601 for dates and times (as the API reads them), plain digits for decimals. */
    private static String text(ResultSet rows, int column) throws SQLException {
        int type = rows.getMetaData().getColumnType(column);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || "timestamptz".equals(rows.getMetaData().getColumnTypeName(column))) {
            OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
            return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
        }
        Object value = rows.getObject(column);
        if (value == null) return null;
        if (value instanceof Timestamp timestamp) return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(timestamp.toLocalDateTime());
        if (value instanceof java.sql.Date date) return date.toLocalDate().toString();
        if (value instanceof BigDecimal decimal) return decimal.toPlainString();
        return value.toString();
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                try {
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                } finally {
                    connection.close();
                }
            }
        } catch (SQLException e) {
            // a connection that broke is closed either way
        }
    }
}
