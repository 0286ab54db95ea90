package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.StageConversion;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Stage conversion from the deals' stage history: of the deals that entered stage {@code from} within the period
 * (counted once, at their first entry in it), the share that afterwards entered {@code to} or a stage past it: a later
 * open stage of the pipeline, or any won stage (won is past every open stage; lost is past none). With
 * {@code withinDays}, only what happened within that many days (of 24 hours) after the entry counts. A deal belongs
 * to its owner, on the day it entered {@code from}. Later history counts even when it falls after the period: the
 * share of a past period can still grow while its deals move on.
 */
final class StageConversionQuery {

    private record Stage(String key, int position, String outcome) {
    }

    private final JdbcClient jdbc;

    StageConversionQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MetricValue value(StageConversion conversion, Frame frame, Scope scope) {
        if (conversion.from() == null || conversion.to() == null) {
            throw new MetricEvaluationException("a stage conversion needs the stage it starts from and the stage it converts to");
        }
        Sql sql = new Sql();
        String company = sql.bind(frame.companyId());
        String day = "(sc.changed_at at time zone " + sql.bind(frame.zone()) + ")::date";
        sql.append("with entered as (select distinct on (sc.deal_id) sc.deal_id, sc.id, sc.changed_at")
                .append(" from deal_stage_change sc join deal d on d.company_id = sc.company_id and d.id = sc.deal_id")
                .append(" where sc.company_id = ").append(company).append(" and sc.stage = ").append(sql.bind(conversion.from()))
                .append(" and sc.changed_at >= ").append(sql.bind(frame.startInstant()))
                .append(" and sc.changed_at < ").append(sql.bind(frame.endInstant()))
                .append(" and ").append(ScopeCondition.of(scope, "d.owner_id", day, frame.companyId(), sql))
                .append(" order by sc.deal_id, sc.changed_at, sc.id)")
                .append(" select count(*) filter (where exists (select 1 from deal_stage_change later where later.company_id = ").append(company)
                .append(" and later.deal_id = e.deal_id and later.stage in (").append(sql.bind(reached(frame.companyId(), conversion.to()))).append(")")
                .append(" and (later.changed_at, later.id) > (e.changed_at, e.id)");
        if (conversion.withinDays() != null) {
            sql.append(" and later.changed_at <= e.changed_at + make_interval(hours => ").append(sql.bind(conversion.withinDays() * 24)).append(")");
        }
        sql.append(")), count(*) from entered e");
        return sql.on(jdbc).query((rs, n) -> MetricValue.ratio(rs.getBigDecimal(1), rs.getBigDecimal(2))).single();
    }

    /** The stages whose entry means the deal reached {@code to}: it, the open stages after it, and every won stage. */
    private Set<String> reached(long companyId, String to) {
        List<Stage> pipeline = jdbc.sql("select key, position, outcome from pipeline_stage where company_id = ? order by position")
                .param(companyId).query((rs, n) -> new Stage(rs.getString(1), rs.getInt(2), rs.getString(3))).list();
        Stage target = pipeline.stream().filter(s -> s.key().equals(to)).findFirst().orElse(null);
        Set<String> reached = new LinkedHashSet<>();
        reached.add(to);
        if (target == null || target.outcome().equals("lost")) {
            return reached;
        }
        for (Stage stage : pipeline) {
            boolean pastAnOpenTarget = target.outcome().equals("open") && stage.outcome().equals("open") && stage.position() > target.position();
            if (pastAnOpenTarget || stage.outcome().equals("won")) {
                reached.add(stage.key());
            }
        }
        return reached;
    }
}
