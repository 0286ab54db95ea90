package dev.northstar.accounts;

import java.math.BigDecimal;

/**
 * An account metric as an admin writes it (form or API); blanks take the defaults: direction higher is better,
 * green from 100 % and amber from 80 % of the target (up to 100 % and 120 % when lower is better), the usual colours,
 * seen by everyone who sees the account, edited by its owner and those above them, not in the top four, weight 0.
 * A system metric names its {@code measure}; without one the metric is entered. In a change, fields left out stay as
 * they are; {@code familyId} 0 takes the metric out of its family, {@code topPosition} 0 out of the top four, and
 * {@code noTarget} true removes its default target.
 */
public record MetricDraft(String key, String name, Long familyId, String measure, String display, Integer rankScale, String direction,
                          BigDecimal target, BigDecimal greenAt, BigDecimal amberAt, String greenColour, String amberColour,
                          String redColour, String viewRole, String editRole, Integer topPosition, Integer healthWeight, Boolean noTarget) {
}
