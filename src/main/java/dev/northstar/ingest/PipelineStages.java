package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The company's sales pipeline: its stages in order, each with a win probability and whether a deal in it is
 * open, won or lost. A company that never set it up gets {@link #DEFAULTS} on first use.
 */
@Service
@Transactional
public class PipelineStages {

    public enum Outcome {
        OPEN, WON, LOST;

        /** As the database stores it: open, won or lost. */
        public String stored() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record Stage(String key, String name, int position, BigDecimal winProbability, Outcome outcome) {

        public Stage {
            if (key == null || !key.matches("[a-z][a-z0-9_]{0,39}")) {
                throw new InvalidInputException("key", "must be 1 to 40 lower-case letters, digits or _, starting with a letter, not '" + key + "'");
            }
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("name", "of stage '" + key + "' must not be empty");
            }
            name = name.strip();
            if (winProbability == null || winProbability.signum() < 0 || winProbability.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw new InvalidInputException("winProbability", "of stage '" + key + "' must be from 0 to 100");
            }
            if (outcome == null) {
                throw new InvalidInputException("outcome", "of stage '" + key + "' must be OPEN, WON or LOST");
            }
        }

        /** True if {@code text} names this stage by key or name, ignoring case. */
        public boolean isNamed(String text) {
            String wanted = text.strip();
            return key.equalsIgnoreCase(wanted) || name.equalsIgnoreCase(wanted);
        }
    }

    public static final List<Stage> DEFAULTS = List.of(
            new Stage("prospecting", "Prospecting", 1, BigDecimal.valueOf(10), Outcome.OPEN),
            new Stage("qualification", "Qualification", 2, BigDecimal.valueOf(25), Outcome.OPEN),
            new Stage("proposal", "Proposal", 3, BigDecimal.valueOf(50), Outcome.OPEN),
            new Stage("negotiation", "Negotiation", 4, BigDecimal.valueOf(75), Outcome.OPEN),
            new Stage("won", "Won", 5, BigDecimal.valueOf(100), Outcome.WON),
            new Stage("lost", "Lost", 6, BigDecimal.ZERO, Outcome.LOST));

    private final JdbcClient jdbc;
    private final AccessPolicy policy;

    PipelineStages(JdbcClient jdbc, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** The stages in order (anyone in the company may read them: deals name them). */
    public List<Stage> stages(Viewer viewer) {
        return stages(viewer.companyId());
    }

    public List<Stage> stages(long companyId) {
        List<Stage> stages = read(companyId);
        if (stages.isEmpty()) {
            write(companyId, DEFAULTS);
            stages = read(companyId);
        }
        return stages;
    }

    /**
     * Replaces the pipeline (company admins). Positions follow the list order. A stage that deals are in
     * cannot be removed: rename it instead, or move the deals first.
     */
    public List<Stage> replace(Viewer viewer, List<Stage> stages) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        if (stages == null || stages.isEmpty()) {
            throw new InvalidInputException("stages", "must list at least one stage");
        }
        Set<String> keys = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<Stage> ordered = new ArrayList<>();
        for (Stage stage : stages) {
            if (!keys.add(stage.key())) {
                throw new InvalidInputException("key", "'" + stage.key() + "' is listed twice");
            }
            if (!names.add(stage.name().toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("name", "'" + stage.name() + "' is listed twice");
            }
            ordered.add(new Stage(stage.key(), stage.name(), ordered.size() + 1, stage.winProbability(), stage.outcome()));
        }
        if (ordered.stream().noneMatch(s -> s.outcome() == Outcome.OPEN)) {
            throw new InvalidInputException("stages", "need at least one open stage");
        }
        List<String> inUse = jdbc.sql("select distinct stage from deal where company_id = ? order by stage")
                .param(viewer.companyId()).query(String.class).list().stream().filter(k -> !keys.contains(k)).toList();
        if (!inUse.isEmpty()) {
            throw new ConflictException("Deals are in the stages " + inUse + ", which this pipeline leaves out. Keep those stages (rename them if you like) or move the deals first.");
        }
        // Outcome changes apply to deals already in the stage, so that "won" always means the stage says won.
        jdbc.sql("delete from pipeline_stage where company_id = ?").param(viewer.companyId()).update();
        write(viewer.companyId(), ordered);
        for (Stage stage : ordered) {
            // The changed deals' rollup cells, old closed date and new, are marked in the same statement.
            jdbc.sql("""
                            with before as (select id, closed_on from deal where company_id = ? and stage = ? and outcome <> ? for update),
                            changed as (
                                update deal d set outcome = ?, closed_on = case when ? = 'open' then null else coalesce(d.closed_on, current_date) end,
                                       updated_at = now()
                                from before b where d.company_id = ? and d.id = b.id
                                returning d.owner_id, d.created_on, d.closed_on, b.closed_on as closed_before)
                            insert into rollup_dirty (company_id, person_id, day)
                            select distinct ?, c.owner_id, x.day from changed c cross join lateral (values (c.created_on), (c.closed_on), (c.closed_before)) x(day)
                            where x.day is not null""")
                    .params(viewer.companyId(), stage.key(), outcome(stage), outcome(stage), outcome(stage), viewer.companyId(), viewer.companyId())
                    .update();
        }
        return read(viewer.companyId());
    }

    private List<Stage> read(long companyId) {
        return jdbc.sql("select key, name, position, win_probability, outcome from pipeline_stage where company_id = ? order by position")
                .param(companyId)
                .query((rs, n) -> new Stage(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4),
                        Outcome.valueOf(rs.getString(5).toUpperCase(Locale.ROOT))))
                .list();
    }

    private void write(long companyId, List<Stage> stages) {
        for (Stage stage : stages) {
            jdbc.sql("""
                            insert into pipeline_stage (company_id, key, name, position, win_probability, outcome) values (?, ?, ?, ?, ?, ?)
                            on conflict (company_id, key) do nothing""")
                    .params(companyId, stage.key(), stage.name(), stage.position(), stage.winProbability(), outcome(stage)).update();
        }
    }

    static String outcome(Stage stage) {
        return stage.outcome().stored();
    }
}
