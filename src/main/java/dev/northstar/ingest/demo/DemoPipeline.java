package dev.northstar.ingest.demo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** The pipeline a company's demo deals move through: its own stages, or the default ones, written when it has none. */
@Component
class DemoPipeline {

    private final JdbcClient jdbc;

    DemoPipeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    List<Stage> stagesOf(long companyId) {
        List<Stage> stages = read(companyId);
        if (!stages.isEmpty()) {
            return stages;
        }
        for (Stage stage : Stage.defaults()) {
            jdbc.sql("insert into pipeline_stage (company_id, key, name, position, win_probability, outcome) values (?, ?, ?, ?, ?, ?)")
                    .params(companyId, stage.key(), stage.name(), stage.position(), stage.winProbability(), stage.outcome())
                    .update();
        }
        return read(companyId);
    }

    private List<Stage> read(long companyId) {
        return jdbc.sql("select key, name, position, win_probability, outcome from pipeline_stage where company_id = ? order by position")
                .param(companyId)
                .query((rs, n) -> new Stage(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getString(5)))
                .list();
    }
}
