package dev.northstar.targets.internal;

import dev.northstar.targets.PacingMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The status_default and metric_threshold tables. A null column means "the level above decides". */
@Repository
public class ThresholdRows {

    private final JdbcClient jdbc;

    ThresholdRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What is stored for the company or one metric; either part may be null. */
    public record Stored(String metric, BigDecimal amberPercent, PacingMode pacing) {
    }

    public Optional<Stored> companyDefault(long companyId) {
        return jdbc.sql("select amber_percent, pacing from status_default where company_id = ?").param(companyId)
                .query((rs, n) -> new Stored(null, rs.getBigDecimal(1), PacingMode.valueOf(rs.getString(2)))).optional();
    }

    public void putCompanyDefault(long companyId, BigDecimal amberPercent, PacingMode pacing) {
        jdbc.sql("""
                        insert into status_default (company_id, amber_percent, pacing) values (?, ?, ?)
                        on conflict (company_id) do update set amber_percent = excluded.amber_percent, pacing = excluded.pacing""")
                .params(companyId, amberPercent, pacing.name()).update();
    }

    public void deleteCompanyDefault(long companyId) {
        jdbc.sql("delete from status_default where company_id = ?").param(companyId).update();
    }

    public Optional<Stored> metric(long companyId, String metric) {
        return jdbc.sql("select metric_key, amber_percent, pacing from metric_threshold where company_id = ? and metric_key = ?")
                .params(companyId, metric).query((rs, n) -> stored(rs)).optional();
    }

    public List<Stored> metrics(long companyId) {
        return jdbc.sql("select metric_key, amber_percent, pacing from metric_threshold where company_id = ? order by metric_key")
                .param(companyId).query((rs, n) -> stored(rs)).list();
    }

    public void putMetric(long companyId, String metric, BigDecimal amberPercent, PacingMode pacing) {
        jdbc.sql("""
                        insert into metric_threshold (company_id, metric_key, amber_percent, pacing) values (?, ?, ?, ?)
                        on conflict (company_id, metric_key) do update set amber_percent = excluded.amber_percent, pacing = excluded.pacing""")
                .params(companyId, metric, amberPercent, pacing == null ? null : pacing.name()).update();
    }

    public void deleteMetric(long companyId, String metric) {
        jdbc.sql("delete from metric_threshold where company_id = ? and metric_key = ?").params(companyId, metric).update();
    }

    private static Stored stored(java.sql.ResultSet rs) throws java.sql.SQLException {
        String pacing = rs.getString(3);
        return new Stored(rs.getString(1), rs.getBigDecimal(2), pacing == null ? null : PacingMode.valueOf(pacing));
    }
}
