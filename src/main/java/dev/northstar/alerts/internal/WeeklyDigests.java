package dev.northstar.alerts.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.Digest;
import dev.northstar.alerts.Notification;
import dev.northstar.alerts.internal.DeliveryStore.Message;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricReading;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The weekly digest: from 07:00 on the first day of the company's week, each active person who has not turned it off
 * gets one e-mail for the week, marked in {@code digest_sent} in the transaction that queues it, so that it goes once
 * however many instances look and however often. Checked hourly ({@code northstar.digest.check}); a server that was
 * down on the day sends that week's digest when it is back.
 */
@Component
public class WeeklyDigests {

    private static final Logger log = LoggerFactory.getLogger(WeeklyDigests.class);
    private static final LocalTime SENT_FROM = LocalTime.of(7, 0);

    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final MetricQueries queries;
    private final AlertStore alerts;
    private final DeliveryStore deliveries;
    private final EmailSender email;
    private final ITemplateEngine templates;
    private final Clock clock;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;
    private final String publicUrl;

    WeeklyDigests(OrganizationDirectory directory, OrganizationService organization, MetricQueries queries, AlertStore alerts,
                  DeliveryStore deliveries, EmailSender email, ITemplateEngine templates, Clock clock, PlatformTransactionManager transactions,
                  PublicUrl publicUrl) {
        this.directory = directory;
        this.organization = organization;
        this.queries = queries;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.email = email;
        this.templates = templates;
        this.clock = clock;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writing = new TransactionTemplate(transactions);
        this.publicUrl = publicUrl.base();
    }

    @Scheduled(fixedDelayString = "${northstar.digest.check:1h}", initialDelayString = "${northstar.digest.initial-delay:2m}")
    void sendDueOnSchedule() {
        sendDue(clock.instant());
    }

    /** Queues every digest that is due at {@code now} and not yet queued; returns how many. Without e-mail, none is due. */
    public int sendDue(Instant now) {
        if (!email.setUp()) {
            return 0;
        }
        int queued = 0;
        for (Company company : organization.companies()) {
            ZonedDateTime local = now.atZone(ZoneId.of(company.timeZone()));
            Period week = company.calendar().period(Period.Grain.WEEK, local.toLocalDate());
            if (local.isBefore(week.start().atTime(SENT_FROM).atZone(local.getZone()))) {
                continue; // the first morning of the week, before seven: last week's went already
            }
            for (PersonEntry person : directory.everyone(company.id())) {
                try {
                    queued += sendIfDue(company.id(), person, week.label(), now) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One person's digest that cannot be made must not stop the others'.
                    log.warn("The digest of person {} of company {} could not be made: {}", person.ref().id(), company.id(), e.getMessage());
                }
            }
        }
        return queued;
    }

    private boolean sendIfDue(long companyId, PersonEntry person, String week, Instant now) {
        if (!person.active() || person.email() == null || person.email().isBlank() || deliveries.digestQueued(companyId, person.ref().id(), week)
                || !deliveries.emailChoices(companyId, person.ref().id()).weeklyDigest()) {
            return false; // checked first, as it is cheap: a digest is made only for who gets it
        }
        Viewer viewer = directory.viewer(companyId, person.ref().id()).orElse(null);
        if (viewer == null) {
            return false;
        }
        Digest digest = reading.execute(status -> compose(viewer, week, now));
        Message message = new Message("digest", digest.subject(), plainText(digest), null, "/", html(digest));
        Instant queuedAt = clock.instant();
        return Boolean.TRUE.equals(writing.execute(status -> {
            if (!deliveries.markDigest(companyId, viewer.personId(), week, queuedAt)) {
                return false; // queued meanwhile, by another instance
            }
            deliveries.queueEmail(companyId, null, viewer.personId(), viewer.email(), message, queuedAt);
            return true;
        }));
    }

    /** The digest as it would be sent at {@code now}: for the e-mail, and for the page that shows it. */
    public Digest compose(Viewer viewer, String week, Instant now) {
        Company company = organization.company(viewer);
        List<Digest.Line> lines = new ArrayList<>();
        long onTrack = 0;
        for (MetricReading reading : queries.keyMetrics(viewer, new Scope.Person(viewer.personId()), null)) {
            Status status = reading.pace().status();
            onTrack += status == Status.GREEN ? 1 : 0;
            lines.add(new Digest.Line(reading.name(), reading.period().label(),
                    MetricWords.valueOf(reading, company.currency()), MetricWords.targetOf(reading, company.currency()),
                    status.name(), status.word(), change(reading), MetricWords.metricPage(new Scope.Person(viewer.personId()), reading.metric())
                            + "?period=" + reading.period().label()));
        }
        Instant weekAgo = now.minus(Duration.ofDays(7));
        List<Notification> told = alerts.notificationsSince(viewer.companyId(), viewer.personId(), weekAgo);
        List<String> breached = alerts.breachedTitles(viewer.companyId(), viewer.personId());
        return new Digest(viewer.displayName(), week, lines, onTrack, told, breached);
    }

    /** "+12 % on the same days before", or null when either side has no data. */
    private static String change(MetricReading reading) {
        MetricReading.Comparison previous = reading.comparisons().get("previous");
        if (previous == null || previous.changeShare() == null) {
            return null;
        }
        BigDecimal percent = previous.changeShare().movePointRight(2).setScale(0, RoundingMode.HALF_UP);
        return (percent.signum() > 0 ? "+" : percent.signum() < 0 ? "−" : "±") + percent.abs().toPlainString() + " % on the same days before";
    }

    String plainText(Digest digest) {
        StringBuilder text = new StringBuilder(digest.subject()).append("\n\n");
        text.append("Key metrics\n");
        if (digest.metrics().isEmpty()) {
            text.append("  None chosen for you yet.\n");
        }
        for (Digest.Line line : digest.metrics()) {
            text.append("  ").append(line.name()).append(" (").append(line.period()).append("): ").append(line.value())
                    .append(line.target() == null ? "" : " of " + line.target()).append(" · ").append(line.statusWord())
                    .append(line.change() == null ? "" : " · " + line.change()).append('\n');
        }
        text.append("\nAlerts of the week\n");
        if (digest.alerts().isEmpty()) {
            text.append("  None.\n");
        }
        digest.alerts().forEach(n -> text.append("  ").append("breached".equals(n.kind()) ? "✕ " : "✓ ").append(n.title()).append('\n'));
        if (!digest.stillBreached().isEmpty()) {
            text.append("\nStill breached\n");
            digest.stillBreached().forEach(title -> text.append("  ✕ ").append(title).append('\n'));
        }
        return text.append("\nOpen Northstar: ").append(publicUrl).append("/\n\n-- \nChoose what you get: ").append(publicUrl)
                .append("/notifications/settings\n").toString();
    }

    private String html(Digest digest) {
        return templates.process("alerts/digest-email", new Context(Locale.ENGLISH, Map.of("digest", digest, "publicUrl", publicUrl)));
    }
}
