package dev.northstar.catalog;

import dev.northstar.access.Viewer;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Retention.Measure;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricDefinition.Area;
import dev.northstar.catalog.MetricDefinition.Cadence;
import dev.northstar.catalog.MetricDefinition.Category;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Kind;
import dev.northstar.catalog.MetricDefinition.Purpose;
import dev.northstar.catalog.MetricDefinition.Timing;
import dev.northstar.catalog.MetricDefinition.Unit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in library of standard sales KPIs (C3), in the formula model, each with what it means, how it is shown,
 * how often it is refreshed and reviewed, and what to do when it worsens. A company installs it in one click.
 */
@Service
public class MetricLibrary {

    /** What an installation added, and which library keys it left alone because the company already has them. */
    public record Installed(List<String> added, List<String> skipped) {
    }

    private static final String WEEKLY_TEAM = "Weekly team meeting";
    private static final String PIPELINE_REVIEW = "Weekly pipeline review";
    private static final String BUSINESS_REVIEW = "Monthly business review";

    private final MetricCatalog catalog;

    MetricLibrary(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Adds the library's metrics the company does not have (company admins). Keys it already has are left as they
     * are: the company may have changed them on purpose.
     */
    @Transactional
    public Installed install(Viewer viewer) {
        Set<String> existing = catalog.all(viewer.companyId()).stream().map(MetricDefinition::key).collect(Collectors.toSet());
        List<MetricDefinition> missing = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (MetricDefinition definition : definitions()) {
            if (existing.contains(definition.key())) {
                skipped.add(definition.key());
            } else {
                missing.add(definition);
            }
        }
        return new Installed(catalog.write(viewer, missing, List.of(), false).created(), skipped);
    }

    /** Every metric of the library, deal metrics first; references between them are checked as one batch when installed. */
    public static List<MetricDefinition> definitions() {
        List<MetricDefinition> all = new ArrayList<>();
        all.addAll(dealMetrics());
        all.addAll(activityMetrics());
        all.addAll(recurringRevenueMetrics());
        all.addAll(unitEconomics());
        all.addAll(dataQuality());
        return all;
    }

    private static List<MetricDefinition> dealMetrics() {
        return List.of(
                result("closed_won_revenue", "Closed-won revenue", Area.CONVERSION, Unit.CURRENCY, 0)
                        .describe("The amount of the deals won in the period, by the day they closed.")
                        .reviewed(Cadence.DAILY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Go through the late-stage deals with their owners and put the week's effort on those that can still close this period.")
                        .formula(deals(Function.SUM, "amount", TimeField.CLOSED, is("outcome", "won"))),
                result("deals_won", "Deals won", Area.CONVERSION, Unit.COUNT, 0).parent("closed_won_revenue")
                        .describe("How many deals were won in the period, by the day they closed.")
                        .reviewed(Cadence.DAILY, PIPELINE_REVIEW, Purpose.OPERATING)
                        .whenWorse("Check which stage deals stall in and coach the team on moving them to a decision.")
                        .formula(deals(Function.COUNT, null, TimeField.CLOSED, is("outcome", "won"))),
                result("deals_closed", "Deals closed", Area.CONVERSION, Unit.COUNT, 0).parent("win_rate")
                        .describe("How many deals were decided, won or lost, in the period: the denominator of the win rate.")
                        .reviewed(Cadence.DAILY, PIPELINE_REVIEW, Purpose.REPORTING)
                        .whenWorse("Ask owners to close out deals that have gone quiet, won or lost, so that the pipeline shows what is real.")
                        .formula(deals(Function.COUNT, null, TimeField.CLOSED, is("outcome", "won", "lost"))),
                result("win_rate", "Win rate", Area.CONVERSION, Unit.PERCENT, 1).parent("closed_won_revenue")
                        .describe("Deals won as a share of the deals decided (won or lost) in the period.")
                        .reviewed(Cadence.WEEKLY, PIPELINE_REVIEW, Purpose.REPORTING)
                        .whenWorse("Review the lost deals' reasons with the team and tighten qualification before deals reach proposal.")
                        .formula(new Formula.Ratio("deals_won", "deals_closed")),
                result("average_deal_size", "Average deal size", Area.EXPANSION, Unit.CURRENCY, 0).parent("closed_won_revenue")
                        .describe("Closed-won revenue divided by the number of deals won in the period.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Look for discounting and missed add-ons in recent wins and review pricing with the deal owners.")
                        .formula(new Formula.Ratio("closed_won_revenue", "deals_won")),
                result("sales_cycle_days", "Sales cycle length", Area.CONVERSION, Unit.DURATION, 0).lowerIsBetter()
                        .describe("Average days from a won deal's creation to its close, over the deals won in the period.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Find the stage where won deals waited longest and agree a next step and date for every deal sitting there.")
                        .formula(deals(Function.AVERAGE, "cycleDays", TimeField.CLOSED, is("outcome", "won"))),
                leading("open_pipeline", "Open pipeline", Area.CONVERSION, Unit.CURRENCY)
                        .describe("The amount of the deals open when the period ends.")
                        .reviewed(Cadence.DAILY, PIPELINE_REVIEW, Purpose.OPERATING)
                        .whenWorse("Put prospecting time in the calendar this week: the pipeline for next quarter is built now.")
                        .formula(deals(Function.SUM, "amount", TimeField.OPEN_AT_END)),
                leading("weighted_pipeline", "Weighted pipeline", Area.CONVERSION, Unit.CURRENCY).parent("open_pipeline")
                        .describe("The open deals' amounts, each times its stage's win probability, when the period ends: the pipeline's expected value.")
                        .reviewed(Cadence.DAILY, PIPELINE_REVIEW, Purpose.OPERATING)
                        .whenWorse("Move early-stage deals forward or out: qualify them to the next stage or close them as lost.")
                        .formula(deals(Function.SUM, "weightedAmount", TimeField.OPEN_AT_END)),
                result("stage_conversion", "Qualification to proposal", Area.CONVERSION, Unit.PERCENT, 1)
                        .describe("Of the deals that entered qualification in the period, the share that reached proposal. An example "
                                + "to copy for other pairs of stages of your pipeline.")
                        .reviewed(Cadence.WEEKLY, PIPELINE_REVIEW, Purpose.OPERATING)
                        .whenWorse("Look at the qualified deals that stopped short of a proposal and fix what they lacked: need, budget or a contact.")
                        .formula(new Formula.StageConversion("qualification", "proposal", null)),
                result("quota_attainment", "Quota attainment", Area.CONVERSION, Unit.PERCENT, 1).parent("closed_won_revenue")
                        .describe("Closed-won revenue divided by its target (the quota) for the same scope and period. A target set "
                                + "for a larger period counts with its share by days (a quarter's quota gives a month its part). No value "
                                + "without a target or with a target of 0.")
                        .reviewed(Cadence.WEEKLY, PIPELINE_REVIEW, Purpose.REPORTING)
                        .whenWorse("Compare the open pipeline with the quota still to reach and put the week's effort on the deals that can close this period.")
                        .formula(new Formula.Attainment("closed_won_revenue")),
                result("closed_won_revenue_target", "Closed-won revenue target", Area.CONVERSION, Unit.CURRENCY, 0).parent("pipeline_coverage")
                        .describe("The target (the quota) of closed-won revenue that applies to the scope and period, as a value: "
                                + "the denominator of pipeline coverage. No value where no target applies.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Check that every team and person has a quota for the period.")
                        .formula(new Formula.Target("closed_won_revenue")),
                leading("pipeline_coverage", "Pipeline coverage", Area.CONVERSION, Unit.RATIO).decimals(1).parent("open_pipeline")
                        .describe("Open pipeline when the period ends divided by the period's closed-won revenue target: how many times "
                                + "the quota the open deals cover; 3 or more is a common rule of thumb. Read for the current period it is "
                                + "today's pipeline against the whole period's quota (revenue already won is not subtracted). No value "
                                + "without a target or with a target of 0.")
                        .reviewed(Cadence.WEEKLY, PIPELINE_REVIEW, Purpose.OPERATING)
                        .whenWorse("Put prospecting time in the calendar and move stalled deals forward or out until the pipeline covers the quota again.")
                        .formula(new Formula.Ratio("open_pipeline", "closed_won_revenue_target")));
    }

    private static List<MetricDefinition> activityMetrics() {
        return List.of(
                activity("calls", "Calls", "call", "Calls made in the period.",
                        "Block an hour a day for calls and start from the accounts with open deals."),
                activity("emails", "Emails", "email", "E-mails sent in the period.",
                        "Set up follow-up e-mails for every meeting and open proposal this week."),
                activity("meetings_booked", "Meetings booked", "meeting", "Meetings booked in the period.",
                        "Ask for the meeting on every connected call and review call scripts with the team."),
                activity("leads", "Leads", "lead_created", "Leads created in the period.",
                        "Review with marketing which sources dried up and move spend or outreach to those that still deliver."),
                activity("opportunities_created", "Opportunities created", "opportunity_created", "Opportunities created in the period.",
                        "Go through this week's leads with the reps and turn the qualified ones into opportunities."),
                leading("lead_to_opportunity", "Lead-to-opportunity conversion", Area.ACQUISITION, Unit.PERCENT).decimals(1)
                        .describe("Opportunities created as a share of the leads created in the period.")
                        .reviewed(Cadence.WEEKLY, WEEKLY_TEAM, Purpose.OPERATING)
                        .whenWorse("Check lead quality by source with marketing and follow new leads up within a day.")
                        .formula(new Formula.Ratio("opportunities_created", "leads")));
    }

    private static List<MetricDefinition> recurringRevenueMetrics() {
        return List.of(
                retention("mrr", "MRR", Measure.MRR, Area.RETENTION, Unit.CURRENCY, Direction.HIGHER_IS_BETTER,
                        "Monthly recurring revenue at the end of the period.",
                        "Split the change into new, expansion, contraction and churn and act on the largest loss."),
                retention("arr", "ARR", Measure.ARR, Area.RETENTION, Unit.CURRENCY, Direction.HIGHER_IS_BETTER,
                        "Annual recurring revenue: MRR at the end of the period times twelve.",
                        "Split the change into new, expansion, contraction and churn and act on the largest loss."),
                retention("net_new_mrr", "Net new MRR", Measure.NET_NEW_MRR, Area.EXPANSION, Unit.CURRENCY, Direction.HIGHER_IS_BETTER,
                        "New plus expansion MRR minus contraction and churned MRR in the period.",
                        "Compare new business with churn: if churn grew, start save calls with the accounts at risk."),
                retention("logo_churn", "Logo churn", Measure.LOGO_CHURN, Area.RETENTION, Unit.PERCENT, Direction.LOWER_IS_BETTER,
                        "The share of the accounts paying at the start of the period that pay nothing at its end.",
                        "Call every account that churned to learn why, and review the accounts with the same signs."),
                retention("revenue_churn", "Revenue churn", Measure.REVENUE_CHURN, Area.RETENTION, Unit.PERCENT, Direction.LOWER_IS_BETTER,
                        "MRR lost to churn and contraction as a share of the MRR at the start of the period.",
                        "Review the largest downgrades and cancellations with customer success and plan save offers for similar accounts."),
                retention("nrr", "Net revenue retention", Measure.NRR, Area.EXPANSION, Unit.PERCENT, Direction.HIGHER_IS_BETTER,
                        "MRR at the end of the period from the accounts paying at its start, as a share of their MRR at the start.",
                        "Find expansion candidates among healthy accounts and review the contractions with their owners."),
                retention("grr", "Gross revenue retention", Measure.GRR, Area.RETENTION, Unit.PERCENT, Direction.HIGHER_IS_BETTER,
                        "Like net revenue retention, without expansion: how much of the starting MRR was kept.",
                        "Review the accounts that contracted or churned with customer success and fix the common cause."));
    }

    private static List<MetricDefinition> unitEconomics() {
        return List.of(
                result("sales_and_marketing_spend", "Sales and marketing spend", Area.ACQUISITION, Unit.CURRENCY, 0).lowerIsBetter()
                        .describe("What sales and marketing cost in the period, typed or imported per period. Lower is better only "
                                + "at the same results: read it with CAC.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Review spend by channel against the customers each brought and cut the channels that bring none.")
                        .formula(new Formula.Manual()),
                result("new_customers", "New customers", Area.ACQUISITION, Unit.COUNT, 0)
                        .describe("Accounts with a deal won in the period, each counted once.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Check whether wins come from fewer new accounts and put more prospecting on new logos.")
                        .formula(deals(Function.COUNT_DISTINCT, "account", TimeField.CLOSED, is("outcome", "won"))),
                result("cac", "Customer acquisition cost", Area.ACQUISITION, Unit.CURRENCY, 0).lowerIsBetter()
                        .describe("Sales and marketing spend divided by the new customers of the period.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Move spend to the channels with the lowest cost per won customer and review discounting.")
                        .formula(new Formula.Derived("sales_and_marketing_spend / new_customers")),
                result("paying_accounts", "Paying accounts", Area.RETENTION, Unit.COUNT, 0)
                        .describe("Accounts with recurring revenue in the period, each counted once.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Review the accounts that stopped paying with customer success.")
                        .formula(new Aggregate(Source.REVENUE, Function.COUNT_DISTINCT, "account", List.of(), TimeField.MONTH)),
                result("arpa", "Average revenue per account", Area.EXPANSION, Unit.CURRENCY, 0).parent("ltv")
                        .describe("MRR at the end of the period divided by the accounts paying in the period; meant for monthly periods.")
                        .reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING)
                        .whenWorse("Look for accounts that downgraded and for new customers signed below list price.")
                        .formula(new Formula.Ratio("mrr", "paying_accounts")),
                result("ltv", "Customer lifetime value", Area.EXPANSION, Unit.CURRENCY, 0)
                        .describe("ARPA divided by revenue churn, read as a fraction (2 % is 0.02): what an account brings over its "
                                + "expected life. Assumes churn stays at the period's rate, counts revenue rather than gross margin, and "
                                + "is meant for monthly periods (ARPA and churn of the same month); a period without churn has no value.")
                        .reviewed(Cadence.QUARTERLY, "Quarterly business review", Purpose.REPORTING)
                        .whenWorse("Find out whether churn rose or ARPA fell, and act on that metric's action.")
                        .formula(new Formula.Derived("arpa / revenue_churn")),
                result("ltv_to_cac", "LTV:CAC", Area.EXPANSION, Unit.RATIO, 1)
                        .describe("Lifetime value of a customer divided by the cost of acquiring one; 3 or more is commonly seen as healthy.")
                        .reviewed(Cadence.QUARTERLY, "Quarterly business review", Purpose.REPORTING)
                        .whenWorse("Check which side moved: cut acquisition spend that brings no customers, or work on churn.")
                        .formula(new Formula.Derived("ltv / cac")));
    }

    private static List<MetricDefinition> dataQuality() {
        return List.of(
                operations("open_deals", "Open deals", "Deals open when the period ends.",
                        "Ask owners to close out deals that have gone quiet.",
                        deals(Function.COUNT, null, TimeField.OPEN_AT_END)).done(),
                operations("open_deals_complete", "Complete open deals", "Deals open when the period ends that have an amount and an expected close date.",
                        "Ask owners of open deals without an amount or an expected close date to fill them in.",
                        deals(Function.COUNT, null, TimeField.OPEN_AT_END, is("hasAmount", "true"), is("hasExpectedClose", "true"))).done(),
                operations("data_completeness", "Data completeness", "The share of open deals that have an amount and an expected close date: "
                                + "can the pipeline be trusted?",
                        "Ask owners of open deals without an amount or an expected close date to fill them in before the pipeline review.",
                        new Formula.Ratio("open_deals_complete", "open_deals")).unitAs(Unit.PERCENT, 1).done());
    }

    // ---- a compact way to write the definitions above ------------------------------------------------------------

    private static MetricDefinition activity(String key, String name, String type, String description, String action) {
        return new Draft(key, name, Kind.SECONDARY, Timing.LEADING, Category.ACTIVITY, Area.ACQUISITION, Unit.COUNT, 0)
                .describe(description).reviewed(Cadence.DAILY, WEEKLY_TEAM, Purpose.OPERATING).whenWorse(action)
                .formula(new Aggregate(Source.ACTIVITIES, Function.COUNT, null, List.of(is("type", type)), TimeField.OCCURRED));
    }

    private static MetricDefinition retention(String key, String name, Measure measure, Area area, Unit unit, Direction direction,
                                              String description, String action) {
        Draft draft = new Draft(key, name, Kind.PRIMARY, Timing.LAGGING, Category.CUSTOMER_SATISFACTION, area, unit, unit == Unit.PERCENT ? 1 : 0);
        if (direction == Direction.LOWER_IS_BETTER) {
            draft.lowerIsBetter();
        }
        return draft.describe(description).reviewed(Cadence.MONTHLY, BUSINESS_REVIEW, Purpose.REPORTING).whenWorse(action)
                .formula(new Formula.Retention(measure));
    }

    private static Draft operations(String key, String name, String description, String action, Formula formula) {
        return new Draft(key, name, Kind.SECONDARY, Timing.LEADING, Category.PERFORMANCE, Area.OPERATIONS, Unit.COUNT, 0)
                .describe(description).reviewed(Cadence.WEEKLY, PIPELINE_REVIEW, Purpose.OPERATING).whenWorse(action).keep(formula);
    }

    private static Draft result(String key, String name, Area area, Unit unit, int decimals) {
        return new Draft(key, name, Kind.PRIMARY, Timing.LAGGING, Category.PERFORMANCE, area, unit, decimals);
    }

    private static Draft leading(String key, String name, Area area, Unit unit) {
        return new Draft(key, name, Kind.SECONDARY, Timing.LEADING, Category.PERFORMANCE, area, unit, 0);
    }

    private static Aggregate deals(Function function, String field, TimeField time, Filter... filters) {
        return new Aggregate(Source.DEALS, function, field, List.of(filters), time);
    }

    private static Filter is(String field, String... values) {
        return new Filter(field, List.of(values), false);
    }

    /** A definition being written: the fields every library metric sets, then the rest one by one. */
    private static final class Draft {
        private final String key;
        private final String name;
        private final Kind kind;
        private final Timing timing;
        private final Category category;
        private final Area area;
        private Unit unit;
        private int decimals;
        private Direction direction = Direction.HIGHER_IS_BETTER;
        private String parent;
        private String description;
        private Cadence cadence;
        private String review;
        private Purpose purpose;
        private String action;
        private Formula formula;

        Draft(String key, String name, Kind kind, Timing timing, Category category, Area area, Unit unit, int decimals) {
            this.key = key;
            this.name = name;
            this.kind = kind;
            this.timing = timing;
            this.category = category;
            this.area = area;
            this.unit = unit;
            this.decimals = decimals;
        }

        Draft parent(String parentKey) {
            this.parent = parentKey;
            return this;
        }

        Draft lowerIsBetter() {
            this.direction = Direction.LOWER_IS_BETTER;
            return this;
        }

        Draft decimals(int value) {
            this.decimals = value;
            return this;
        }

        Draft unitAs(Unit value, int valueDecimals) {
            this.unit = value;
            this.decimals = valueDecimals;
            return this;
        }

        Draft describe(String text) {
            this.description = text;
            return this;
        }

        Draft reviewed(Cadence refresh, String meeting, Purpose use) {
            this.cadence = refresh;
            this.review = meeting;
            this.purpose = use;
            return this;
        }

        Draft whenWorse(String text) {
            this.action = text;
            return this;
        }

        Draft keep(Formula value) {
            this.formula = value;
            return this;
        }

        MetricDefinition formula(Formula value) {
            return keep(value).done();
        }

        MetricDefinition done() {
            return new MetricDefinition(key, name, description, kind, timing, category, area, parent, unit, decimals, direction, null,
                    cadence, review, action, purpose, formula);
        }
    }
}
