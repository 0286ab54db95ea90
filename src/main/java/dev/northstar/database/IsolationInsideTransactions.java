package dev.northstar.database;

import dev.northstar.shared.CurrentActor;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DelegatingTransactionDefinition;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spring's JDBC transaction manager, except that a transaction asking for an isolation level sets it with
 * {@code SET TRANSACTION} as its first statement. The JDBC way reads the session's level, sets another for the session
 * and sets it back afterwards: three more round trips to the database for every question a dashboard asks in a
 * snapshot of its own ({@code REPEATABLE READ}), and a session setting that could outlive a failed reset.
 *
 * <p>A read-only transaction also plans without parallel workers. It answers a page or an API call from the rollups:
 * reads of a few hundred cells, which the planner sometimes costs high enough to start two workers, and starting them
 * took 5 ms of a 6 ms read (a team's members' trails, measured with {@code EXPLAIN ANALYZE}). Writes (loads, rollup
 * rebuilds) keep the server's setting.
 *
 * <p>A writing transaction names the person it writes for ({@link CurrentActor}) in {@code northstar.actor}, which
 * the audit triggers record as who made each change.
 */
final class IsolationInsideTransactions extends JdbcTransactionManager {

    private static final Map<Integer, String> LEVELS = Map.of(
            TransactionDefinition.ISOLATION_READ_UNCOMMITTED, "read uncommitted",
            TransactionDefinition.ISOLATION_READ_COMMITTED, "read committed",
            TransactionDefinition.ISOLATION_REPEATABLE_READ, "repeatable read",
            TransactionDefinition.ISOLATION_SERIALIZABLE, "serializable");

    private final CurrentActor actor;

    IsolationInsideTransactions(DataSource dataSource, CurrentActor actor) {
        super(dataSource);
        this.actor = actor;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        super.doBegin(transaction, definition.getIsolationLevel() == TransactionDefinition.ISOLATION_DEFAULT
                ? definition : new IsolationSetInside(definition));
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition) throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        List<String> settings = new ArrayList<>();
        if (definition instanceof IsolationSetInside inside) {
            settings.add("set transaction isolation level " + inside.level());
        }
        if (definition.isReadOnly()) {
            settings.add("set local max_parallel_workers_per_gather = 0");
        } else {
            // Who writes, for the audit log's triggers (V19); a number, so it can be written into the statement.
            actor.personId().ifPresent(person -> settings.add("set local northstar.actor = '" + person.longValue() + "'"));
        }
        if (!settings.isEmpty()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(String.join("; ", settings)); // one round trip
            }
        }
    }

    /** The definition as the JDBC connection sees it: default isolation, since the transaction sets its own. */
    private static final class IsolationSetInside extends DelegatingTransactionDefinition {

        private final int asked;

        IsolationSetInside(TransactionDefinition definition) {
            super(definition);
            this.asked = definition.getIsolationLevel();
        }

        @Override
        public int getIsolationLevel() {
            return ISOLATION_DEFAULT;
        }

        String level() {
            String level = LEVELS.get(asked);
            if (level == null) {
                throw new IllegalArgumentException("unknown isolation level " + asked);
            }
            return level.toUpperCase(Locale.ROOT);
        }
    }
}
