package dev.northstar.analytics.api;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.RollupMaintenance;
import dev.northstar.analytics.RollupMaintenance.Verification;
import dev.northstar.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Rebuilding and verifying the company's rollups (company admins). */
@RestController
@RequestMapping(path = "/api/v1/rollups", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Rollups", description = "Rebuild the rollups from the raw records, and compare them with the reference evaluator")
class RollupsApi {

    /** Verify compares every scope and period of the range one by one: a range is kept to a few years. */
    private static final int LONGEST_RANGE_MONTHS = 36;

    private final RollupMaintenance rollups;
    private final AccessPolicy policy;

    RollupsApi(RollupMaintenance rollups, AccessPolicy policy) {
        this.rollups = rollups;
        this.policy = policy;
    }

    @PostMapping("/rebuild")
    @Operation(summary = "Rebuilds every rolled-up metric of the company from the raw records")
    Map<String, Object> rebuild(Viewer viewer) {
        policy.companyData(viewer, "rebuild the rollups").orRefuse();
        rollups.rebuild(viewer.companyId());
        return Map.of("rebuilt", true);
    }

    @GetMapping("/verify")
    @Operation(summary = "Compares the rollups with the reference evaluator for every scope, month and fiscal quarter of a range",
            description = "from and to: months such as 2026-01; metric: one metric's key, or none for every rolled-up or composed metric. "
                    + "Answers how many values were compared and every difference.")
    Verification verify(Viewer viewer, @RequestParam String from, @RequestParam String to, @RequestParam(required = false) String metric) {
        policy.companyData(viewer, "verify the rollups").orRefuse();
        YearMonth first = month("from", from);
        YearMonth last = month("to", to);
        if (last.isBefore(first)) {
            throw new InvalidInputException("to", "must not be before from (" + first + ")");
        }
        if (first.plusMonths(LONGEST_RANGE_MONTHS).isBefore(last.plusMonths(1))) {
            throw new InvalidInputException("to", "the range is at most " + LONGEST_RANGE_MONTHS + " months");
        }
        return rollups.verify(viewer.companyId(), metric, first, last);
    }

    private static YearMonth month(String field, String text) {
        try {
            return YearMonth.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a month such as 2026-01");
        }
    }
}
