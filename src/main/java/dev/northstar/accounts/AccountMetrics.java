package dev.northstar.accounts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.AccountAudience;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.accounts.internal.MetricStore;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The company's account metrics, their families and the health formula: read by everyone in the company, changed by
 * company admins. A company starts with a default set (recurring revenue, retention, won revenue, pipeline,
 * activities and a typed sentiment ranking), made the first time its accounts are looked at.
 */
@Service
public class AccountMetrics {

    /** Everything the pages need to show and explain account metrics. */
    public record Catalog(List<MetricFamily> families, List<AccountMetric> metrics, HealthFormula formula) {

        public String familyName(Long familyId) {
            return families.stream().filter(f -> familyId != null && f.id() == familyId).map(MetricFamily::name).findFirst().orElse("Other");
        }

        public List<AccountMetric> top() {
            return metrics.stream().filter(m -> m.topPosition() != null)
                    .sorted(java.util.Comparator.comparing(AccountMetric::topPosition)).toList();
        }
    }

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final MetricStore store;
    private final AccessPolicy policy;

    AccountMetrics(MetricStore store, AccessPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    @Transactional
    public Catalog catalog(long companyId) {
        ensureDefaults(companyId);
        return new Catalog(store.families(companyId), store.metrics(companyId), store.formula(companyId).orElse(HealthFormula.DEFAULT));
    }

    @Transactional
    public Catalog catalog(Viewer viewer) {
        return catalog(viewer.companyId());
    }

    /** Refuses anyone but a company admin (the settings pages, before they show anything). */
    public void mayConfigure(Viewer viewer) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
    }

    @Transactional
    public AccountMetric save(Viewer viewer, String existingKey, MetricDraft draft) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
        long companyId = viewer.companyId();
        ensureDefaults(companyId);
        AccountMetric existing = existingKey == null ? null
                : store.metric(companyId, existingKey).orElseThrow(() -> new NotFoundException("Account metric", existingKey));
        AccountMetric metric = read(companyId, existing, draft);
        if (metric.topPosition() != null) {
            store.clearTopPosition(companyId, metric.topPosition(), metric.id());
        }
        try {
            long id = store.save(companyId, metric);
            return store.metric(companyId, metric.key()).filter(m -> m.id() == id).orElseThrow();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("an account metric with the key '" + metric.key() + "' exists already");
        }
    }

    @Transactional
    public void delete(Viewer viewer, String key) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
        AccountMetric metric = store.metric(viewer.companyId(), key).orElseThrow(() -> new NotFoundException("Account metric", key));
        store.delete(viewer.companyId(), metric.id());
    }

    @Transactional
    public MetricFamily saveFamily(Viewer viewer, Long id, String name, Integer position) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
        ensureDefaults(viewer.companyId());
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 60) {
            throw new InvalidInputException("name", "is required, at most 60 characters");
        }
        int place = position == null ? store.families(viewer.companyId()).size() + 1 : position;
        try {
            if (id == null) {
                return new MetricFamily(store.createFamily(viewer.companyId(), trimmed, place), trimmed, place);
            }
            if (!store.renameFamily(viewer.companyId(), id, trimmed, place)) {
                throw new NotFoundException("Metric family", id);
            }
            return new MetricFamily(id, trimmed, place);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("a metric family named '" + trimmed + "' exists already");
        }
    }

    /** Removes a family; its metrics stay, under "Other". */
    @Transactional
    public void deleteFamily(Viewer viewer, long id) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
        if (!store.deleteFamily(viewer.companyId(), id)) {
            throw new NotFoundException("Metric family", id);
        }
    }

    @Transactional
    public HealthFormula saveFormula(Viewer viewer, HealthFormula formula) {
        policy.account(viewer, null, Action.CONFIGURE).orRefuse();
        ensureDefaults(viewer.companyId());
        points("greenPoints", formula.greenPoints());
        points("amberPoints", formula.amberPoints());
        points("redPoints", formula.redPoints());
        points("healthyFrom", formula.healthyFrom());
        points("watchFrom", formula.watchFrom());
        if (formula.watchFrom().compareTo(formula.healthyFrom()) > 0) {
            throw new InvalidInputException("watchFrom", "must not be above healthyFrom (" + formula.healthyFrom().toPlainString() + ")");
        }
        store.saveFormula(viewer.companyId(), formula, false);
        return formula;
    }

    private static void points(String field, BigDecimal value) {
        if (value == null || value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw new InvalidInputException(field, "must be a number from 0 to 100");
        }
    }

    private AccountMetric read(long companyId, AccountMetric existing, MetricDraft d) {
        String key = text(d.key(), existing == null ? null : existing.key());
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException("key", "must be lower case letters, digits and _, starting with a letter (e.g. csat)");
        }
        String name = text(d.name(), existing == null ? null : existing.name());
        if (name == null || name.length() > 80) {
            throw new InvalidInputException("name", "is required, at most 80 characters");
        }
        Long familyId = d.familyId() != null ? (d.familyId() == 0 ? null : d.familyId()) : existing == null ? null : existing.familyId();
        if (familyId != null && !store.familyExists(companyId, familyId)) {
            throw new InvalidInputException("familyId", "is not a metric family of this company: " + familyId);
        }
        String measureKey = text(d.measure(), existing == null || existing.measure() == null ? null : existing.measure().key());
        Measure measure = measureKey == null || measureKey.equals("entered") ? null : Measure.of(measureKey);
        String displayKey = text(d.display(), existing != null ? existing.display().key() : measure != null ? measure.display().key() : "number");
        Display display = Display.of(displayKey);
        if (measure != null && display == Display.RANK) {
            throw new InvalidInputException("display", "a colour ranking is typed, not computed: choose number, money or percent");
        }
        Integer rankScale = display != Display.RANK ? null : d.rankScale() != null ? d.rankScale()
                : existing != null && existing.rankScale() != null ? existing.rankScale() : 3;
        if (rankScale != null && (rankScale < 2 || rankScale > 10)) {
            throw new InvalidInputException("rankScale", "must be from 2 to 10");
        }
        String direction = text(d.direction(), existing == null ? "higher_is_better" : existing.higherIsBetter() ? "higher_is_better" : "lower_is_better");
        if (!direction.equals("higher_is_better") && !direction.equals("lower_is_better")) {
            throw new InvalidInputException("direction", "must be higher_is_better or lower_is_better");
        }
        boolean higher = direction.equals("higher_is_better");
        BigDecimal target = Boolean.TRUE.equals(d.noTarget()) ? null : d.target() != null ? d.target() : existing == null ? null : existing.target();
        if (target != null && target.signum() < 0) {
            throw new InvalidInputException("target", "must not be negative: thresholds are percentages of it");
        }
        BigDecimal greenAt = d.greenAt() != null ? d.greenAt() : existing != null ? existing.greenAt() : HUNDRED;
        BigDecimal amberAt = d.amberAt() != null ? d.amberAt() : existing != null ? existing.amberAt()
                : BigDecimal.valueOf(display == Display.RANK ? 60 : higher ? 80 : 120);
        if (greenAt.signum() < 0 || amberAt.signum() < 0) {
            throw new InvalidInputException("greenAt", "and amberAt must not be negative");
        }
        if (higher && amberAt.compareTo(greenAt) > 0) {
            throw new InvalidInputException("amberAt", "must not be above greenAt (" + greenAt.toPlainString() + " %) when higher is better");
        }
        if (!higher && amberAt.compareTo(greenAt) < 0) {
            throw new InvalidInputException("amberAt", "must not be below greenAt (" + greenAt.toPlainString() + " %) when lower is better");
        }
        String green = colour("greenColour", d.greenColour(), existing == null ? "#17663a" : existing.greenColour());
        String amber = colour("amberColour", d.amberColour(), existing == null ? "#b7791f" : existing.amberColour());
        String red = colour("redColour", d.redColour(), existing == null ? "#a3261b" : existing.redColour());
        AccountAudience viewRole = audience("viewRole", text(d.viewRole(), existing == null ? "everyone" : existing.viewRole().key()));
        AccountAudience editRole = audience("editRole", text(d.editRole(), existing == null ? "owner" : existing.editRole().key()));
        if (editRole == AccountAudience.EVERYONE) {
            throw new InvalidInputException("editRole", "must be owner, managers or admins");
        }
        Integer top = d.topPosition() != null ? (d.topPosition() == 0 ? null : d.topPosition()) : existing == null ? null : existing.topPosition();
        if (top != null && (top < 1 || top > 4)) {
            throw new InvalidInputException("topPosition", "must be 1 to 4 (0 to leave the top four)");
        }
        int weight = d.healthWeight() != null ? d.healthWeight() : existing == null ? 0 : existing.healthWeight();
        if (weight < 0 || weight > 100) {
            throw new InvalidInputException("healthWeight", "must be from 0 to 100");
        }
        int position = existing == null ? store.nextPosition(companyId) : existing.position();
        return new AccountMetric(existing == null ? 0 : existing.id(), key, name, familyId, measure, display, rankScale, higher, target,
                greenAt, amberAt, green, amber, red, viewRole, editRole, top, weight, position);
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String colour(String field, String value, String fallback) {
        String colour = text(value, fallback).toLowerCase(Locale.ROOT);
        if (!COLOUR.matcher(colour).matches()) {
            throw new InvalidInputException(field, "must be a colour written #rrggbb");
        }
        return colour;
    }

    private static AccountAudience audience(String field, String key) {
        try {
            return AccountAudience.valueOf(key.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be one of everyone, owner, managers, admins");
        }
    }

    /** Makes the company's formula and default metrics the first time, once (the formula's row says it was done). */
    void ensureDefaults(long companyId) {
        if (store.formula(companyId).isPresent() || !store.saveFormula(companyId, HealthFormula.DEFAULT, true)) {
            return;
        }
        long revenue = store.createFamily(companyId, "Revenue", 1);
        long engagement = store.createFamily(companyId, "Engagement", 2);
        AccountAudience everyone = AccountAudience.EVERYONE;
        AccountAudience owner = AccountAudience.OWNER;
        int position = 1;
        for (AccountMetric m : List.of(
                system("mrr", "MRR", revenue, Measure.MRR, true, null, 100, 80, 1, 0),
                system("nrr", "Net revenue retention", revenue, Measure.NRR, true, BigDecimal.ONE, 100, 90, 2, 3),
                system("mrr_change", "MRR gained or lost", revenue, Measure.MRR_CHANGE, true, null, 100, 80, null, 0),
                system("revenue_ytd", "Won revenue this year", revenue, Measure.REVENUE_YTD, true, null, 100, 80, null, 0),
                system("open_pipeline", "Open pipeline", revenue, Measure.OPEN_PIPELINE, true, null, 100, 80, null, 0),
                system("activities_30d", "Activities, last 30 days", engagement, Measure.ACTIVITIES_30D, true, BigDecimal.valueOf(4), 100, 50, 3, 1),
                new AccountMetric(0, "sentiment", "Customer sentiment", engagement, null, Display.RANK, 3, true, BigDecimal.valueOf(3),
                        HUNDRED, BigDecimal.valueOf(60), "#17663a", "#b7791f", "#a3261b", everyone, owner, 4, 2, 0))) {
            store.save(companyId, withPosition(m, position++));
        }
    }

    private static AccountMetric system(String key, String name, long family, Measure measure, boolean higher, BigDecimal target,
                                        int greenAt, int amberAt, Integer top, int weight) {
        return new AccountMetric(0, key, name, family, measure, measure.display(), null, higher, target, BigDecimal.valueOf(greenAt),
                BigDecimal.valueOf(amberAt), "#17663a", "#b7791f", "#a3261b", AccountAudience.EVERYONE, AccountAudience.OWNER, top, weight, 0);
    }

    private static AccountMetric withPosition(AccountMetric m, int position) {
        return new AccountMetric(m.id(), m.key(), m.name(), m.familyId(), m.measure(), m.display(), m.rankScale(), m.higherIsBetter(),
                m.target(), m.greenAt(), m.amberAt(), m.greenColour(), m.amberColour(), m.redColour(), m.viewRole(), m.editRole(),
                m.topPosition(), m.healthWeight(), position);
    }
}
