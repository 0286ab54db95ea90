package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Dashboards by audience (seed 002): the four built in (executive review, pipeline operations, customer health,
 * campaign performance), made of the company's metrics that the library defines, and those company admins make from
 * the catalog and share with a scope, seen by whoever sees that scope. An executive dashboard has at most ten metrics.
 */
@Service
@Transactional
public class AudienceDashboards {

    public static final int EXECUTIVE_MOST = 10;
    public static final int MOST = 30;

    public enum Audience {
        EXECUTIVE("Executive review", "CEO, COO and leads: conversion, retention, expansion, risk and data quality, ten metrics at most"),
        PIPELINE("Pipeline operations", "Sales and RevOps: stages, conversion, cycle, forecast and the next actions"),
        CUSTOMER("Customer health", "Customer success and product: revenue kept, churn, expansion"),
        CAMPAIGN("Campaign performance", "Marketing: leads, conversion and what a customer costs"),
        TEAM("Team", "A team's own selection");

        private final String title;
        private final String description;

        Audience(String title, String description) {
            this.title = title;
            this.description = description;
        }

        public String title() {
            return title;
        }

        public String description() {
            return description;
        }

        static Audience parse(String text) {
            try {
                return valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new InvalidInputException("audience", "must be one of executive, pipeline, customer, campaign, team");
            }
        }
    }

    /** A dashboard: built in (id null, shared with everyone) or made by an admin. */
    public record Dashboard(Long id, String slug, String name, Audience audience, List<String> metrics, String sharedWith) {

        public boolean builtIn() {
            return id == null;
        }

        public String href() {
            return builtIn() ? "/dashboards/" + slug : "/dashboards/" + id;
        }
    }

    private static final List<Dashboard> BUILT_IN = List.of(
            new Dashboard(null, "executive", Audience.EXECUTIVE.title(), Audience.EXECUTIVE, List.of("closed_won_revenue", "quota_attainment",
                    "win_rate", "pipeline_coverage", "arr", "nrr", "logo_churn", "cac", "ltv_to_cac", "data_completeness"), "company"),
            new Dashboard(null, "pipeline", Audience.PIPELINE.title(), Audience.PIPELINE, List.of("open_pipeline", "weighted_pipeline",
                    "stage_conversion", "win_rate", "sales_cycle_days", "deals_won", "opportunities_created", "meetings_booked", "calls",
                    "open_deals_complete"), "company"),
            new Dashboard(null, "customer", Audience.CUSTOMER.title(), Audience.CUSTOMER, List.of("paying_accounts", "mrr", "net_new_mrr",
                    "logo_churn", "revenue_churn", "grr", "nrr", "arpa"), "company"),
            new Dashboard(null, "campaign", Audience.CAMPAIGN.title(), Audience.CAMPAIGN, List.of("leads", "lead_to_opportunity",
                    "opportunities_created", "new_customers", "sales_and_marketing_spend", "cac"), "company"));

    private final JdbcClient jdbc;
    private final MetricCatalog catalog;
    private final AccessPolicy policy;
    private final Clock clock;

    AudienceDashboards(JdbcClient jdbc, MetricCatalog catalog, AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
    }

    /** The built-in dashboards (with the metrics the company has) and those shared with a scope the viewer sees. */
    @Transactional(readOnly = true)
    public List<Dashboard> visible(Viewer viewer) {
        List<Dashboard> all = new ArrayList<>();
        Set<String> keys = metricKeys(viewer.companyId());
        BUILT_IN.forEach(d -> all.add(withMetricsOf(keys, d)));
        jdbc.sql(SELECT + " where company_id = ? order by audience, name").param(viewer.companyId()).query(AudienceDashboards::row).list()
                .stream().filter(d -> sees(viewer, d)).map(d -> withMetricsOf(keys, d)).forEach(all::add);
        return all;
    }

    /** A dashboard by its address: a built-in's name or a made one's id; refused outside the scope it is shared with. */
    @Transactional(readOnly = true)
    public Dashboard find(Viewer viewer, String idOrSlug) {
        for (Dashboard builtIn : BUILT_IN) {
            if (builtIn.slug().equals(idOrSlug)) {
                return withMetricsOf(metricKeys(viewer.companyId()), builtIn);
            }
        }
        long id;
        try {
            id = Long.parseLong(idOrSlug);
        } catch (NumberFormatException e) {
            throw new NotFoundException("Dashboard", idOrSlug);
        }
        Dashboard dashboard = jdbc.sql(SELECT + " where company_id = ? and id = ?").params(viewer.companyId(), id)
                .query(AudienceDashboards::row).optional().orElseThrow(() -> new NotFoundException("Dashboard", id));
        policy.scope(viewer, Scope.parse(dashboard.sharedWith()), Action.VIEW).orRefuse();
        return withMetricsOf(metricKeys(viewer.companyId()), dashboard);
    }

    /** Makes a dashboard (company admins), or changes one when {@code id} is given. */
    public Dashboard save(Viewer viewer, Long id, String name, String audience, List<String> metrics, String sharedWith) {
        policy.companyData(viewer, "make and share dashboards").orRefuse();
        Audience chosen = Audience.parse(audience == null ? "" : audience);
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            throw new InvalidInputException("name", "must be 1 to 80 characters");
        }
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(metrics == null ? List.<String>of() : metrics));
        int most = chosen == Audience.EXECUTIVE ? EXECUTIVE_MOST : MOST;
        if (keys.isEmpty() || keys.size() > most) {
            throw new InvalidInputException("metrics", chosen == Audience.EXECUTIVE
                    ? "an executive dashboard shows 1 to " + EXECUTIVE_MOST + " metrics (seed 002: ten or fewer); " + keys.size() + " were chosen"
                    : "a dashboard shows 1 to " + MOST + " metrics; " + keys.size() + " were chosen");
        }
        for (String key : keys) {
            catalog.find(viewer.companyId(), key).orElseThrow(() -> new NotFoundException("Metric", key));
        }
        Scope scope = Scope.parse(sharedWith == null || sharedWith.isBlank() ? "company" : sharedWith);
        if (scope instanceof Scope.Person) {
            throw new InvalidInputException("sharedWith", "share with the company, a department or a team");
        }
        policy.scope(viewer, scope, Action.VIEW).orRefuse(); // not found in another company
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (id == null) {
            long created = jdbc.sql("""
                            insert into dashboard (company_id, name, audience, metrics, shared_with, created_by, created_at, updated_at)
                            values (?, ?, ?, ?::text[], ?, ?, ?, ?) returning id""")
                    .params(viewer.companyId(), name.strip(), chosen.name().toLowerCase(Locale.ROOT), keys.toArray(String[]::new), scope.key(),
                            viewer.personId(), now, now).query(Long.class).single();
            return find(viewer, String.valueOf(created));
        }
        int changed = jdbc.sql("update dashboard set name = ?, audience = ?, metrics = ?::text[], shared_with = ?, updated_at = ? "
                        + "where company_id = ? and id = ?")
                .params(name.strip(), chosen.name().toLowerCase(Locale.ROOT), keys.toArray(String[]::new), scope.key(), now, viewer.companyId(), id)
                .update();
        if (changed == 0) {
            throw new NotFoundException("Dashboard", id);
        }
        return find(viewer, String.valueOf(id));
    }

    public void delete(Viewer viewer, long id) {
        policy.companyData(viewer, "delete dashboards").orRefuse();
        if (jdbc.sql("delete from dashboard where company_id = ? and id = ?").params(viewer.companyId(), id).update() == 0) {
            throw new NotFoundException("Dashboard", id);
        }
    }

    private boolean sees(Viewer viewer, Dashboard dashboard) {
        return policy.scope(viewer, Scope.parse(dashboard.sharedWith()), Action.VIEW).allowed();
    }

    /** A dashboard with the metrics of its list that the company still has (a metric deleted since drops out). */
    private static Dashboard withMetricsOf(Set<String> keys, Dashboard dashboard) {
        return new Dashboard(dashboard.id(), dashboard.slug(), dashboard.name(), dashboard.audience(),
                dashboard.metrics().stream().filter(keys::contains).toList(), dashboard.sharedWith());
    }

    private Set<String> metricKeys(long companyId) {
        Set<String> keys = new LinkedHashSet<>();
        catalog.all(companyId).forEach(m -> keys.add(m.key()));
        return keys;
    }

    private static final String SELECT = "select id, name, audience, metrics, shared_with from dashboard";

    private static Dashboard row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(1);
        return new Dashboard(id, String.valueOf(id), rs.getString(2), Audience.parse(rs.getString(3)),
                Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getString(5));
    }
}
