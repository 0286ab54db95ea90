package dev.northstar.audit.internal;

import dev.northstar.audit.AuditEntry;
import dev.northstar.audit.AuditLog.Filter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** The audit log as the triggers of V19 write it; this side only reads. */
@Repository
public class AuditStore {

    /** The audited tables and their names in words, in the order the page lists them. */
    public static final Map<String, String> AREAS = areas();

    private static final TypeReference<LinkedHashMap<String, Object>> COLUMNS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The lines the filter picks, newest first; {@code actorName} names the people who made them. */
    public List<AuditEntry> entries(long companyId, Filter filter, int limit, LongFunction<String> actorName) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("a.company_id = ?");
        params.add(companyId);
        if (filter.table() != null && !filter.table().isBlank()) {
            where.append(" and a.area = ?");
            params.add(filter.table());
        }
        if (filter.actorId() != null) {
            where.append(filter.actorId() == 0 ? " and a.actor_id is null" : " and a.actor_id = ?");
            if (filter.actorId() != 0) {
                params.add(filter.actorId());
            }
        }
        if (filter.from() != null) {
            where.append(" and a.at >= ?");
            params.add(Timestamp.from(filter.from().atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (filter.to() != null) {
            where.append(" and a.at < ?");
            params.add(Timestamp.from(filter.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (a.label ilike ? or a.before::text ilike ? or a.after::text ilike ?)");
            String like = "%" + filter.text().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            params.add(like);
            params.add(like);
            params.add(like);
        }
        if (filter.beforeId() != null) {
            where.append(" and a.id < ?");
            params.add(filter.beforeId());
        }
        params.add(limit);
        return jdbc.sql("""
                        select a.id, a.at, a.actor_id, a.area, a.action, a.record_id, a.label, a.before::text, a.after::text
                        from audit_event a
                        where """ + " " + where + " order by a.id desc limit ?")
                .params(params)
                .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), (Long) rs.getObject(3),
                        rs.getObject(3) == null ? "System" : actorName.apply(rs.getLong(3)),
                        AREAS.getOrDefault(rs.getString(4), rs.getString(4)), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        columns(rs.getString(8)), columns(rs.getString(9))))
                .list();
    }

    /** The changed columns, but the company's id, which every line of a company's log shares. */
    private Map<String, Object> columns(String text) {
        if (text == null) {
            return Map.of();
        }
        Map<String, Object> columns = json.readerFor(COLUMNS).with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readValue(text);
        columns.remove("company_id");
        // A nested value (a formula, a dashboard's metrics) shows as the JSON it was, not as Java's {k=v}.
        columns.replaceAll((column, value) -> value instanceof Map || value instanceof List ? json.writeValueAsString(value) : value);
        return columns;
    }

    private static Map<String, String> areas() {
        Map<String, String> areas = new LinkedHashMap<>();
        areas.put("company", "Company settings");
        areas.put("department", "Department");
        areas.put("team", "Team");
        areas.put("person", "Person");
        areas.put("membership", "Team membership");
        areas.put("company_admin", "Company admin");
        areas.put("department_manager", "Department manager");
        areas.put("team_lead", "Team lead");
        areas.put("api_token", "API token");
        areas.put("activity_type", "Activity type");
        areas.put("team_activity_type", "Team's activity type");
        areas.put("pipeline_stage", "Pipeline stage");
        areas.put("webhook_source", "Webhook source");
        areas.put("import_template", "Import template");
        areas.put("metric_definition", "Metric definition");
        areas.put("key_metric_level", "Key metric choice");
        areas.put("key_metric_frequency", "Tracking frequency");
        areas.put("target", "Target");
        areas.put("metric_threshold", "Metric threshold");
        areas.put("status_default", "Status thresholds");
        areas.put("manual_value", "Typed value");
        areas.put("dashboard", "Dashboard");
        areas.put("tv_link", "TV link");
        areas.put("alert_rule", "Alert rule");
        areas.put("outgoing_webhook", "Chat channel");
        areas.put("connector", "Connector");
        return java.util.Collections.unmodifiableMap(areas);
    }
}
