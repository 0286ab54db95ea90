package dev.northstar.alerts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A rule as its readers see it: the metric and scope it watches, its condition, who is told (and which chat channel,
 * if any, it also posts to), and whether it is breached now (since when, and when it was last checked).
 */
public record AlertRule(long id, String metric, String metricName, String scope, String scopeName, String condition, BigDecimal threshold,
                        String description, long ownerId, String ownerName, long createdBy, boolean breached, Instant breachedSince,
                        Instant checkedAt, Long webhookId, String webhookName) {
}
