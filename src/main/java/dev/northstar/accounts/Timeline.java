package dev.northstar.accounts;

import dev.northstar.targets.Status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A metric of one account over a range: its value at each month's end (or the range's last day), and every edit in it. */
public record Timeline(AccountMetric metric, List<Point> points, List<Edit> edits) {

    public record Point(LocalDate day, BigDecimal value, BigDecimal target, Status status) {
    }

    /** A value or target someone changed: who, when, what for, from what to what (null: none, or cleared). */
    public record Edit(Instant at, String who, String what, LocalDate day, BigDecimal before, BigDecimal after) {
    }
}
