package dev.northstar.accounts.internal;

import dev.northstar.access.AccessPolicy.AccountAudience;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.Display;
import dev.northstar.accounts.HealthFormula;
import dev.northstar.accounts.Measure;
import dev.northstar.accounts.MetricFamily;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The company's account metric definitions, their families and the health formula. */
@Repository
public class MetricStore {

    private static final String METRIC_COLUMNS = """
            id, key, name, family_id, measure, display, rank_scale, direction, target, green_at, amber_at, green_colour,
            amber_colour, red_colour, view_role, edit_role, top_position, health_weight, position""";

    private static final RowMapper<AccountMetric> METRIC = (rs, n) -> new AccountMetric(rs.getLong("id"), rs.getString("key"),
            rs.getString("name"), (Long) rs.getObject("family_id"), rs.getString("measure") == null ? null : Measure.of(rs.getString("measure")),
            Display.of(rs.getString("display")), (Integer) rs.getObject("rank_scale"), rs.getString("direction").equals("higher_is_better"),
            rs.getBigDecimal("target"), rs.getBigDecimal("green_at"), rs.getBigDecimal("amber_at"), rs.getString("green_colour"),
            rs.getString("amber_colour"), rs.getString("red_colour"), audience(rs.getString("view_role")), audience(rs.getString("edit_role")),
            (Integer) rs.getObject("top_position"), rs.getInt("health_weight"), rs.getInt("position"));

    private final JdbcClient jdbc;

    MetricStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static AccountAudience audience(String key) {
        return AccountAudience.valueOf(key.toUpperCase(Locale.ROOT));
    }

    /** Every metric, in page order: by family, then position, then when it was made. */
    public List<AccountMetric> metrics(long companyId) {
        return jdbc.sql("select " + METRIC_COLUMNS + " " + """
                 from account_metric m where company_id = ?
                 order by (select f.position from account_metric_family f where f.company_id = m.company_id and f.id = m.family_id) nulls last,
                          position, id""").param(companyId).query(METRIC).list();
    }

    public Optional<AccountMetric> metric(long companyId, String key) {
        return jdbc.sql("select " + METRIC_COLUMNS + " from account_metric where company_id = ? and key = ?").param(companyId).param(key)
                .query(METRIC).optional();
    }

    public List<MetricFamily> families(long companyId) {
        return jdbc.sql("select id, name, position from account_metric_family where company_id = ? order by position, id").param(companyId)
                .query((rs, n) -> new MetricFamily(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    public Optional<HealthFormula> formula(long companyId) {
        return jdbc.sql("select green_points, amber_points, red_points, healthy_from, watch_from from account_health_formula where company_id = ?")
                .param(companyId).query((rs, n) -> new HealthFormula(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5))).optional();
    }

    /** Writes the formula; true when this made the company's first one (so its default metrics are still to be made). */
    public boolean saveFormula(long companyId, HealthFormula formula, boolean onlyIfAbsent) {
        String conflict = onlyIfAbsent ? "do nothing" : """
                do update set green_points = excluded.green_points, amber_points = excluded.amber_points,
                red_points = excluded.red_points, healthy_from = excluded.healthy_from, watch_from = excluded.watch_from""";
        return jdbc.sql("insert into account_health_formula (company_id, green_points, amber_points, red_points, healthy_from, watch_from)"
                        + " values (?, ?, ?, ?, ?, ?) on conflict (company_id) " + conflict)
                .params(companyId, formula.greenPoints(), formula.amberPoints(), formula.redPoints(), formula.healthyFrom(), formula.watchFrom())
                .update() == 1;
    }

    public long createFamily(long companyId, String name, int position) {
        return jdbc.sql("insert into account_metric_family (company_id, name, position) values (?, ?, ?) returning id")
                .params(companyId, name, position).query(Long.class).single();
    }

    public boolean renameFamily(long companyId, long id, String name, int position) {
        return jdbc.sql("update account_metric_family set name = ?, position = ? where company_id = ? and id = ?")
                .params(name, position, companyId, id).update() == 1;
    }

    public boolean deleteFamily(long companyId, long id) {
        return jdbc.sql("delete from account_metric_family where company_id = ? and id = ?").params(companyId, id).update() == 1;
    }

    public boolean familyExists(long companyId, long id) {
        return jdbc.sql("select count(*) from account_metric_family where company_id = ? and id = ?").params(companyId, id)
                .query(Integer.class).single() == 1;
    }

    /** Inserts a new metric (id 0) or updates the one with the id; answers the id. */
    public long save(long companyId, AccountMetric m) {
        Object[] values = {m.key(), m.name(), m.familyId(), m.measure() == null ? null : m.measure().key(), m.display().key(), m.rankScale(),
                m.higherIsBetter() ? "higher_is_better" : "lower_is_better", m.target(), m.greenAt(), m.amberAt(), m.greenColour(),
                m.amberColour(), m.redColour(), m.viewRole().key(), m.editRole().key(), m.topPosition(), m.healthWeight(), m.position()};
        if (m.id() == 0) {
            return jdbc.sql("insert into account_metric (company_id, " + METRIC_COLUMNS.replace("id, key", "key")
                            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id")
                    .param(companyId).params(values).query(Long.class).single();
        }
        jdbc.sql("""
                        update account_metric set key = ?, name = ?, family_id = ?, measure = ?, display = ?, rank_scale = ?, direction = ?,
                        target = ?, green_at = ?, amber_at = ?, green_colour = ?, amber_colour = ?, red_colour = ?, view_role = ?,
                        edit_role = ?, top_position = ?, health_weight = ?, position = ? where company_id = ? and id = ?""")
                .params(values).param(companyId).param(m.id()).update();
        return m.id();
    }

    /** Frees a place in the top four, so that another metric can take it. */
    public void clearTopPosition(long companyId, int position, long exceptId) {
        jdbc.sql("update account_metric set top_position = null where company_id = ? and top_position = ? and id <> ?")
                .params(companyId, position, exceptId).update();
    }

    public boolean delete(long companyId, long id) {
        return jdbc.sql("delete from account_metric where company_id = ? and id = ?").params(companyId, id).update() == 1;
    }

    public int nextPosition(long companyId) {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from account_metric where company_id = ?").param(companyId)
                .query(Integer.class).single();
    }

}
