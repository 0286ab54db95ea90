package dev.northstar.ingest.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An account's monthly recurring revenue; {@code month} is the first day of the month, 0 the month it churned. */
public record GeneratedRevenueLine(String accountRef, LocalDate month, BigDecimal mrr, String currency) {
}
