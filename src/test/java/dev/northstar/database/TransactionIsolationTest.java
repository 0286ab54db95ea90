package dev.northstar.database;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that asks for an isolation level runs at it (set inside the transaction, see
 * {@link IsolationInsideTransactions}), sees one snapshot throughout, and leaves the session's default as it was; a
 * read-only one plans without parallel workers.
 */
@SpringBootTest
class TransactionIsolationTest {

    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @BeforeEach
    void probe() {
        jdbc.sql("create table isolation_probe (id int)").update();
    }

    @AfterEach
    void dropProbe() {
        jdbc.sql("drop table isolation_probe").update();
    }

    @Test
    void aRepeatableReadTransactionReadsOneSnapshotAndLeavesTheSessionAlone() {
        List<Object> seen = new ArrayList<>();
        transaction(TransactionDefinition.ISOLATION_REPEATABLE_READ, true).executeWithoutResult(status -> {
            seen.add(setting("transaction_isolation"));
            seen.add(setting("transaction_read_only"));
            seen.add(setting("default_transaction_isolation"));
            seen.add(count());
            transaction(TransactionDefinition.ISOLATION_DEFAULT, false).executeWithoutResult(inner -> {
                jdbc.sql("insert into isolation_probe values (1)").update();
            });
            seen.add(count());
        });
        assertThat(seen).containsExactly("repeatable read", "on", "read committed", 0L, 0L);
        assertThat(count()).as("the row committed beside it").isEqualTo(1L);
    }

    @Test
    void otherLevelsAndTheDefault() {
        assertThat(isolationIn(TransactionDefinition.ISOLATION_SERIALIZABLE, false)).isEqualTo("serializable");
        assertThat(isolationIn(TransactionDefinition.ISOLATION_READ_COMMITTED, true)).isEqualTo("read committed");
        // Many default transactions after them: whichever pooled connection each gets, none kept another level.
        for (int i = 0; i < 20; i++) {
            assertThat(isolationIn(TransactionDefinition.ISOLATION_DEFAULT, false)).isEqualTo("read committed");
        }
    }

    @Test
    void aReadOnlyTransactionPlansWithoutParallelWorkers() {
        String server = setting("max_parallel_workers_per_gather");
        assertThat(server).as("the server's setting (PostgreSQL's default is 2), which writes keep").isNotEqualTo("0");
        assertThat(parallelWorkersIn(TransactionDefinition.ISOLATION_REPEATABLE_READ, true)).isEqualTo("0");
        assertThat(parallelWorkersIn(TransactionDefinition.ISOLATION_DEFAULT, true)).isEqualTo("0");
        assertThat(parallelWorkersIn(TransactionDefinition.ISOLATION_REPEATABLE_READ, false)).isEqualTo(server);
        assertThat(setting("max_parallel_workers_per_gather")).as("the session after them").isEqualTo(server);
    }

    private String parallelWorkersIn(int isolation, boolean readOnly) {
        return transaction(isolation, readOnly).execute(status -> setting("max_parallel_workers_per_gather"));
    }

    private String isolationIn(int isolation, boolean readOnly) {
        return transaction(isolation, readOnly).execute(status -> setting("transaction_isolation"));
    }

    private TransactionTemplate transaction(int isolation, boolean readOnly) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setIsolationLevel(isolation);
        template.setReadOnly(readOnly);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    private String setting(String name) {
        return jdbc.sql("select current_setting(?)").param(name).query(String.class).single();
    }

    private long count() {
        return jdbc.sql("select count(*) from isolation_probe").query(Long.class).single();
    }
}
