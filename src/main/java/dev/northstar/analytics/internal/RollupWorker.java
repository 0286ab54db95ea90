package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a company's rollups equal to its raw records. Each batch takes waiting cell markers ({@code rollup_dirty}),
 * recomputes those cells of every rolled-up metric from the raw records and deletes the markers, in one transaction:
 * a crash leaves either the markers or the recomputed cells. Metrics whose rollups were built from another definition
 * (or none) are rebuilt whole. One worker per company at a time (an advisory lock), so two instances never compute the
 * same cell from different snapshots; a load adding its new records ({@link #addCreated}) takes the same lock.
 */
@Component
public class RollupWorker {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RollupWorker.class);

    /** The first key of the advisory lock that serializes a company's rollup work ("NSRL"); the second is the company id. */
    public static final int ROLLUP_LOCK = 0x4E53524C;
    private static final int BATCH = 20_000;

    private final JdbcClient jdbc;
    private final MetricCatalog catalog;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RollupWorker(JdbcClient jdbc, MetricCatalog catalog, PlatformTransactionManager transactions, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Recomputes every waiting cell and out-of-date metric of the company, waiting for another worker of it to finish. */
    public void catchUp(long companyId) {
        work(companyId, true);
    }

    /**
     * As {@link #catchUp}, unless the company's lock is taken now: by another worker (which will see the same markers)
     * or by a load adding its records (for moments). Answers whether it ran.
     */
    public boolean catchUpUnlessBusy(long companyId) {
        return work(companyId, false);
    }

    /** Companies with waiting cells. */
    public List<Long> companiesWithWork() {
        return jdbc.sql("select distinct company_id from rollup_dirty").query(Long.class).list();
    }

    /** Companies with metrics, whose rollups may be out of date with the definitions or the company's settings. */
    public List<Long> companiesWithMetrics() {
        return jdbc.sql("select distinct company_id from metric_definition").query(Long.class).list();
    }

    /** Everything from the raw records: every marker is taken, every rolled-up metric rebuilt. */
    public void rebuild(long companyId) {
        transactions.executeWithoutResult(status -> {
            lock(companyId, true);
            jdbc.sql("delete from rollup_dirty where company_id = ?").param(companyId).update();
            jdbc.sql("delete from rollup_day where company_id = ?").param(companyId).update();
            jdbc.sql("delete from rollup_cell where company_id = ?").param(companyId).update();
            jdbc.sql("delete from rollup_metric where company_id = ?").param(companyId).update();
            CompanyFacts company = CompanyFacts.read(jdbc, companyId);
            build(company, rollable(companyId));
        });
    }

    private boolean work(long companyId, boolean wait) {
        long cells = 0;
        long started = System.nanoTime();
        while (true) {
            Long taken = transactions.execute(status -> lock(companyId, wait) ? recomputeBatch(companyId) : null);
            if (taken == null) {
                return false; // another worker, or a load, has the company
            }
            if (taken == 0) {
                break;
            }
            cells += taken;
        }
        boolean rebuilt = Boolean.TRUE.equals(transactions.execute(status -> {
            if (!lock(companyId, wait)) {
                return false;
            }
            rebuildOutOfDate(companyId);
            return true;
        }));
        if (cells > 0) {
            log.debug("Rollups of company {}: {} cell ranges recomputed in {} ms", companyId, cells, (System.nanoTime() - started) / 1_000_000);
        }
        return rebuilt;
    }

    /** One batch of markers: their cells of every rolled-up metric, recomputed; returns the cell ranges taken. */
    private long recomputeBatch(long companyId) {
        jdbc.sql("drop table if exists rollup_work").update();
        jdbc.sql("create temp table rollup_work (person_id bigint not null, day_from date not null, day_to date) on commit drop").update();
        // Markers become ranges that never overlap: a person's "onwards" marker covers their later single days. The
        // batch's ids as an array, so that they are deleted by key (as "id in (...)" the planner may compare every marker
        // with every id taken).
        long ranges = jdbc.sql("""
                        with taken as (
                            delete from rollup_dirty where company_id = ? and id = any(array(
                                select id from rollup_dirty where company_id = ? order by id limit ? for update skip locked))
                            returning person_id, day, onwards),
                        onwards as (select person_id, min(day) as day_from from taken where onwards group by person_id)
                        insert into rollup_work (person_id, day_from, day_to)
                        select person_id, day_from, null from onwards
                        union
                        select t.person_id, t.day, t.day from taken t
                        where not t.onwards and not exists (select from onwards o where o.person_id = t.person_id and o.day_from <= t.day)""")
                .params(companyId, companyId, BATCH).update();
        if (ranges == 0) {
            return 0;
        }
        jdbc.sql("analyze rollup_work").update();
        RollupCells.startChanges(jdbc);
        CompanyFacts company = CompanyFacts.read(jdbc, companyId);
        Map<String, Aggregate> rollable = rollable(companyId);
        forgetOutOfDate(company, rollable);
        RollupRows.delete(jdbc, companyId, rollable.keySet(), true);
        RollupRows.bySource(rollable).forEach(metrics -> RollupRows.insert(jdbc, company, metrics, true));
        RollupCells.applyChanges(jdbc, company, kept(rollable));
        return ranges;
    }

    /**
     * Forgets what the metrics were built from whose definition (or the company's settings) changed since: this
     * batch recomputes them by the new definition, so their rows and cells no longer match the old fingerprint, and
     * a definition changed back before the rebuild must not make them look current again. They are read from the raw
     * records until {@link #rebuildOutOfDate} rebuilds them whole.
     *
     * @return the metrics whose rollups are current: built from their definition as it is
     */
    private Set<String> forgetOutOfDate(CompanyFacts company, Map<String, Aggregate> rollable) {
        Set<String> current = new HashSet<>();
        RollupStore.builtFingerprints(jdbc, company.companyId()).forEach((key, fingerprint) -> {
            Aggregate aggregate = rollable.get(key);
            if (aggregate == null || !Rollable.fingerprint(aggregate, company).equals(fingerprint)) {
                jdbc.sql("delete from rollup_metric where company_id = ? and metric_key = ?").params(company.companyId(), key).update();
            } else {
                current.add(key);
            }
            if (aggregate == null) { // no longer rolled up: nothing will rebuild or read its rows
                RollupRows.delete(jdbc, company.companyId(), List.of(key), false);
                RollupCells.delete(jdbc, company.companyId(), key);
            }
        });
        return current;
    }

    /**
     * Adds the records a load has just created (ids in {@code ingest_created}) to the rows and cells of the metrics of
     * their source whose rollups are current, inside the load's (read committed) transaction: a new record needs no
     * recompute, and the rollups are current when the load commits. Under the company's lock, held until the load
     * commits, so that no batch recomputes cells from records it cannot see yet while this adds them (a batch that ran
     * before recomputed them without the load's records, which this then adds). Metrics built from another definition
     * are forgotten as a batch forgets them: changed back before their rebuild, they would look current without these
     * records. When the lock does not come free soon (a rebuild can hold it for minutes), the records' cells are marked
     * for the worker instead, as a changed record's are, rather than keeping the load waiting.
     */
    @Transactional(propagation = Propagation.MANDATORY) // the load's; read committed, so that it sees what a batch before it wrote
    public void addCreated(long companyId, Source source) {
        Map<String, Aggregate> rollable = rollable(companyId);
        Map<String, Aggregate> ofSource = new LinkedHashMap<>();
        rollable.forEach((key, aggregate) -> {
            if (aggregate.source() == source) {
                ofSource.put(key, aggregate);
            }
        });
        if (ofSource.isEmpty()) {
            return;
        }
        CompanyFacts company = CompanyFacts.read(jdbc, companyId);
        if (!lockSoon(companyId)) {
            RollupRows.bySource(ofSource).forEach(metrics -> RollupRows.markCreated(jdbc, company, metrics));
            return;
        }
        Set<String> built = forgetOutOfDate(company, rollable);
        Map<String, Aggregate> current = new LinkedHashMap<>(ofSource);
        current.keySet().retainAll(built);
        if (current.isEmpty()) {
            return;
        }
        RollupCells.startChanges(jdbc);
        RollupRows.bySource(current).forEach(metrics -> RollupRows.add(jdbc, company, metrics));
        RollupCells.applyChanges(jdbc, company, kept(current));
    }

    /** The company's lock, if it comes free within about a second (a load's addition holds it for moments). */
    private boolean lockSoon(long companyId) {
        for (int attempt = 0; attempt < 20; attempt++) {
            if (lock(companyId, false)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** One batch of waiting cells, as a run takes them; for tests that need a batch without the rebuild after it. */
    public long recomputeOneBatch(long companyId) {
        return transactions.execute(status -> lock(companyId, true) ? recomputeBatch(companyId) : 0L);
    }

    /** Rebuilds the metrics whose rollups were built from another definition, and forgets those no longer rolled up. */
    private void rebuildOutOfDate(long companyId) {
        CompanyFacts company = CompanyFacts.read(jdbc, companyId);
        Map<String, Aggregate> rollable = rollable(companyId);
        Map<String, String> built = RollupStore.builtFingerprints(jdbc, companyId);
        for (String key : built.keySet()) {
            if (!rollable.containsKey(key)) {
                RollupRows.delete(jdbc, companyId, List.of(key), false);
                RollupCells.delete(jdbc, companyId, key);
                jdbc.sql("delete from rollup_metric where company_id = ? and metric_key = ?").params(companyId, key).update();
            }
        }
        Map<String, Aggregate> outOfDate = new LinkedHashMap<>();
        rollable.forEach((key, aggregate) -> {
            if (!Rollable.fingerprint(aggregate, company).equals(built.get(key))) {
                outOfDate.put(key, aggregate);
            }
        });
        RollupRows.delete(jdbc, companyId, outOfDate.keySet(), false);
        build(company, outOfDate);
    }

    /** The metrics' rows and cells from the raw records (they have none), and what they were built from. */
    private void build(CompanyFacts company, Map<String, Aggregate> metrics) {
        RollupRows.bySource(metrics).forEach(group -> RollupRows.insert(jdbc, company, group, false));
        metrics.forEach((key, aggregate) -> {
            RollupCells.delete(jdbc, company.companyId(), key);
            if (RollupCells.kept(aggregate)) {
                RollupCells.build(jdbc, company, key);
            }
            jdbc.sql("""
                            insert into rollup_metric (company_id, metric_key, fingerprint, built_at) values (?, ?, ?, ?)
                            on conflict (company_id, metric_key) do update set fingerprint = excluded.fingerprint, built_at = excluded.built_at""")
                    .params(company.companyId(), key, Rollable.fingerprint(aggregate, company), java.sql.Timestamp.from(clock.instant())).update();
        });
    }

    private static List<String> kept(Map<String, Aggregate> metrics) {
        return metrics.entrySet().stream().filter(m -> RollupCells.kept(m.getValue())).map(Map.Entry::getKey).toList();
    }

    /** The company's rolled-up metrics by key; a definition the evaluator cannot read is left to the reference (which reports it). */
    private Map<String, Aggregate> rollable(long companyId) {
        Map<String, Aggregate> rollable = new LinkedHashMap<>();
        for (MetricDefinition metric : catalog.all(companyId)) {
            Optional<Aggregate> aggregate = Rollable.aggregate(metric);
            if (aggregate.isPresent() && readable(aggregate.get(), metric.key())) {
                rollable.put(metric.key(), aggregate.get());
            }
        }
        return rollable;
    }

    private static boolean readable(Aggregate aggregate, String key) {
        try {
            RecordSource source = RecordSource.of(aggregate.source());
            dev.northstar.catalog.Formula.TimeField time = source.time(aggregate.time());
            if (aggregate.function() != dev.northstar.catalog.Formula.Function.COUNT) {
                source.measure(aggregate.field(), time);
            }
            if (aggregate.filters() != null) {
                aggregate.filters().forEach(f -> source.attribute(f.field(), time));
            }
            return true;
        } catch (MetricEvaluationException e) {
            log.debug("Metric {} is not rolled up: {}", key, e.getMessage());
            return false;
        }
    }

    /** Takes the company's rollup lock for this transaction; without {@code wait}, only if it is free. */
    private boolean lock(long companyId, boolean wait) {
        if (wait) {
            jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(ROLLUP_LOCK, (int) companyId).query(Object.class).single();
            return true;
        }
        return jdbc.sql("select pg_try_advisory_xact_lock(?, ?)").params(ROLLUP_LOCK, (int) companyId).query(Boolean.class).single();
    }
}
