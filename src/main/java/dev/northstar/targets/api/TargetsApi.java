package dev.northstar.targets.api;

import dev.northstar.access.Viewer;
import dev.northstar.shared.Scope;
import dev.northstar.targets.ApplicableTarget;
import dev.northstar.targets.TargetChange;
import dev.northstar.targets.TargetMismatch;
import dev.northstar.targets.TargetMismatches;
import dev.northstar.targets.Targets;
import dev.northstar.targets.internal.CompanyCalendars;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/**
 * Targets by metric, scope and period label. Parameters are optional to Spring so that a missing one is answered
 * like a wrong one: a 400 naming the field. Access is decided by {@link Targets}.
 */
@RestController
@RequestMapping(path = "/api/v1/targets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Targets", description = "Targets per metric, scope and period, their history, and levels whose targets do not add up")
class TargetsApi {

    private final Targets targets;
    private final TargetMismatches mismatches;
    private final CompanyCalendars calendars;

    TargetsApi(Targets targets, TargetMismatches mismatches, CompanyCalendars calendars) {
        this.targets = targets;
        this.mismatches = mismatches;
        this.calendars = calendars;
    }

    @GetMapping
    @Operation(summary = "The target that applies to a metric, scope and period, and how it was found",
            description = "found is SET, SUM_OF_SMALLER (targets of smaller periods that cover it), PRORATED_FROM:{label} "
                    + "(a larger period's, by days for counts and money) or NONE. warnings lists the levels around this scope "
                    + "whose targets do not add up. Scope: company, department:{id}, team:{id}, person:{id}; period: 2026-03, "
                    + "FY2026-Q1, FY2026, 2026-W07, 2026-03-05 or 2026-01-15..2026-02-14 in the company's calendar; in the answer, "
                    + "period.end is the day after its last day.")
    ApplicableTarget applicable(Viewer viewer, @RequestParam(required = false) String metric,
                                @RequestParam(required = false) String scope, @RequestParam(required = false) String period) {
        return targets.applicable(viewer, metric, Scope.parse(scope), calendars.parse(viewer, period));
    }

    /** A target as sent; boxed so that a missing value is named rather than read as zero. */
    record TargetRequest(String metric, String scope, String period, BigDecimal value) {
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a target (admins anywhere; department managers for their departments, teams and people; "
            + "team leads for their members; nobody for themselves)",
            description = "An edit is kept in the target's history; the latest wins. Values are numbers from 0.")
    ApplicableTarget set(Viewer viewer, @RequestBody TargetRequest request) {
        return targets.set(viewer, request.metric(), Scope.parse(request.scope()), calendars.parse(viewer, request.period()),
                request.value());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the target set for exactly this period (who may: as for setting)",
            description = "The removal is kept in the target's history.")
    void remove(Viewer viewer, @RequestParam(required = false) String metric, @RequestParam(required = false) String scope,
                @RequestParam(required = false) String period) {
        targets.remove(viewer, metric, Scope.parse(scope), calendars.parse(viewer, period));
    }

    @GetMapping("/history")
    @Operation(summary = "Every change to the target of a metric, scope and period, newest first")
    List<TargetChange> history(Viewer viewer, @RequestParam(required = false) String metric,
                               @RequestParam(required = false) String scope, @RequestParam(required = false) String period) {
        return targets.history(viewer, metric, Scope.parse(scope), calendars.parse(viewer, period));
    }

    @GetMapping("/mismatches")
    @Operation(summary = "Levels whose targets do not add up to the sum of the level below, for a metric and period",
            description = "Company against departments (company admins), departments against their teams, teams against their people, "
                    + "as far as the caller can see them. Counts and money only.")
    List<TargetMismatch> mismatches(Viewer viewer, @RequestParam(required = false) String metric,
                                    @RequestParam(required = false) String period) {
        return mismatches.all(viewer, metric, calendars.parse(viewer, period));
    }
}
