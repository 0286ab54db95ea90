package dev.northstar.connectors.internal;

import dev.northstar.shared.InvalidInputException;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a connector pulls: a five-field cron expression (minute hour day-of-month month day-of-week, as in crontab,
 * read in the company's time zone) or @hourly, @daily, @weekly, @monthly. So at most once a minute.
 */
public final class PullSchedule {

    private final CronExpression cron;

    private PullSchedule(CronExpression cron) {
        this.cron = cron;
    }

    public static PullSchedule parse(String text) {
        String schedule = text == null ? "" : text.strip();
        if (schedule.isEmpty()) {
            throw new InvalidInputException("schedule", "is required: a cron expression such as */15 * * * * (every 15 minutes) or @hourly");
        }
        boolean macro = schedule.startsWith("@");
        if (!macro && schedule.split("\\s+").length != 5) {
            throw new InvalidInputException("schedule", "must have five fields, minute hour day-of-month month day-of-week, such as "
                    + "0 6 * * MON-FRI (6:00 on weekdays), not '" + schedule + "'");
        }
        try {
            return new PullSchedule(CronExpression.parse(macro ? schedule : "0 " + schedule));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("schedule", "is not a cron expression: " + e.getMessage());
        }
    }

    /** The first time after {@code after}. */
    public Instant next(Instant after, ZoneId zone) {
        ZonedDateTime next = cron.next(after.atZone(zone));
        return next == null ? after.plus(Duration.ofDays(366)) : next.toInstant();
    }
}
