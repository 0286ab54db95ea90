package dev.northstar.audit.api;

import dev.northstar.access.Viewer;
import dev.northstar.audit.AuditEntry;
import dev.northstar.audit.AuditLog;
import dev.northstar.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** The audit log, for company admins. */
@RestController
@Tag(name = "Audit", description = "Every change to configuration and typed values: who, when, what, before and after")
class AuditApi {

    private final AuditLog log;

    AuditApi(AuditLog log) {
        this.log = log;
    }

    @GetMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The audit log, newest first (company admins)",
            description = "area: a table name (company, team, person, metric_definition, target, alert_rule, ...); actorId: a person, "
                    + "0 for the system; from/to: days (UTC), both included; q: text in the label or the values; before: the last id "
                    + "of the previous page; limit 1 to 500.")
    List<AuditEntry> entries(Viewer viewer, @RequestParam(required = false) String area, @RequestParam(required = false) Long actorId,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) String q, @RequestParam(required = false) Long before,
                             @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > AuditLog.LONGEST_PAGE) {
            throw new InvalidInputException("limit", "must be 1 to " + AuditLog.LONGEST_PAGE + ", not " + limit);
        }
        return log.entries(viewer, new AuditLog.Filter(area, actorId, from, to, q, before), limit);
    }
}
