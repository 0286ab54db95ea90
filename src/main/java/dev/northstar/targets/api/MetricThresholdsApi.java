package dev.northstar.targets.api;

import dev.northstar.access.Viewer;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.targets.MetricThresholds;
import dev.northstar.targets.MetricThresholds.CompanySetting;
import dev.northstar.targets.MetricThresholds.MetricSetting;
import dev.northstar.targets.PacingMode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;

/** Status thresholds and pacing: the company's default and each metric's own. Changes are for company admins. */
@RestController
@RequestMapping(path = "/api/v1/metric-thresholds", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Targets")
class MetricThresholdsApi {

    private final MetricThresholds thresholds;

    MetricThresholdsApi(MetricThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Pacing as text, so that a wrong word is answered naming the field rather than as unreadable JSON. */
    record ThresholdsRequest(BigDecimal amberPercent, String pacing) {

        PacingMode pacingMode() {
            if (pacing == null) {
                return null;
            }
            try {
                return PacingMode.valueOf(pacing.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("pacing", "must be one of " + Arrays.toString(PacingMode.values()) + ", not '" + pacing + "'");
            }
        }
    }

    @GetMapping
    @Operation(summary = "The company's default thresholds and pacing, and the metrics with their own")
    CompanySetting company(Viewer viewer) {
        return thresholds.company(viewer);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the company's default (company admins)",
            description = "amberPercent: where amber starts as a percent of pace (90: amber from 90% to 100% of pace when higher is better, "
                    + "above 100% up to 110% when lower is better). pacing: LINEAR (calendar days) or WORKING_DAYS (Monday to Friday). "
                    + "A missing part takes the built-in default (90, LINEAR).")
    CompanySetting setCompany(Viewer viewer, @RequestBody ThresholdsRequest request) {
        return thresholds.setCompany(viewer, request.amberPercent(), request.pacingMode());
    }

    @GetMapping("/{key}")
    @Operation(summary = "A metric's thresholds and pacing in force, and whether each is its own, the company's or built in")
    MetricSetting metric(Viewer viewer, @PathVariable String key) {
        return thresholds.of(viewer, key);
    }

    @PutMapping(path = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a metric's own thresholds and pacing (company admins)",
            description = "A missing part takes the company's default; sending neither removes the metric's own setting.")
    MetricSetting setMetric(Viewer viewer, @PathVariable String key, @RequestBody ThresholdsRequest request) {
        return thresholds.set(viewer, key, request.amberPercent(), request.pacingMode());
    }
}
