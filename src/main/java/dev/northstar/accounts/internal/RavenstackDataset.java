package dev.northstar.accounts.internal;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.northstar.access.Viewer;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.AccountValueImport;
import dev.northstar.accounts.MetricDraft;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Loads the public RavenStack SaaS data set (Rivalytics, synthetic; see ../shared/datasets/SOURCES.md) from a
 * directory given at run time, never shipped with Northstar: its accounts (segment: plan tier), its subscriptions as
 * monthly recurring revenue, and its support tickets' satisfaction scores as an entered metric ("csat", the month's
 * average on its last day). Everything goes through the same paths as any customer's data: ingest for accounts and
 * revenue lines, the value import for satisfaction.
 *
 * <p>A subscription counts in a month when it is active on the month's last day: started by then and not ended by
 * then (an end date is the first day without it). Trials are not revenue. A subscription without an end date runs
 * until {@code until}.
 */
@Component
public class RavenstackDataset {

    public static final String SOURCE = "ravenstack";

    public record Loaded(long accounts, long revenueLines, int satisfactionValues) {
    }

    private final Ingest ingest;
    private final AccountMetrics metrics;
    private final AccountValueImport values;

    RavenstackDataset(Ingest ingest, AccountMetrics metrics, AccountValueImport values) {
        this.ingest = ingest;
        this.metrics = metrics;
        this.values = values;
    }

    /** Loads the data set as the admin, the accounts' owners taken in turn from {@code owners} (none: no owner). */
    @Transactional
    public Loaded load(Viewer admin, Path directory, List<Long> owners, YearMonth until) {
        List<RawRecord> accounts = new ArrayList<>();
        read(directory.resolve("ravenstack_accounts.csv"), row -> {
            Map<String, String> fields = new java.util.HashMap<>(Map.of("externalId", row.getField("account_id"),
                    "name", row.getField("account_name"), "segment", row.getField("plan_tier"), "industry", row.getField("industry")));
            if (!owners.isEmpty()) {
                fields.put("owner", String.valueOf(owners.get(accounts.size() % owners.size())));
            }
            accounts.add(record(accounts.size() + 1, fields));
        });
        var accountLoad = ingest.load(admin, RecordKind.ACCOUNTS, accounts.iterator(), ReadingRules.API, SOURCE, Ingest.Mode.COMMIT, this::refuse);

        Map<String, TreeMap<YearMonth, BigDecimal>> mrr = new TreeMap<>();
        read(directory.resolve("ravenstack_subscriptions.csv"), row -> {
            if (Boolean.parseBoolean(row.getField("is_trial"))) {
                return;
            }
            LocalDate start = LocalDate.parse(row.getField("start_date"));
            String endText = row.getField("end_date");
            LocalDate end = endText.isBlank() ? null : LocalDate.parse(endText);
            BigDecimal amount = new BigDecimal(row.getField("mrr_amount"));
            for (YearMonth month = YearMonth.from(start); !month.isAfter(until); month = month.plusMonths(1)) {
                LocalDate last = month.atEndOfMonth();
                if (end != null && !end.isAfter(last)) {
                    break;
                }
                mrr.computeIfAbsent(row.getField("account_id"), a -> new TreeMap<>()).merge(month, amount, BigDecimal::add);
            }
        });
        List<RawRecord> lines = new ArrayList<>();
        mrr.forEach((account, months) -> months.forEach((month, amount) -> lines.add(record(lines.size() + 1, Map.of(
                "accountRef", account, "month", month.toString(), "mrr", amount.toPlainString(), "currency", "USD")))));
        var revenueLoad = ingest.load(admin, RecordKind.REVENUE, lines.iterator(), ReadingRules.API, SOURCE, Ingest.Mode.COMMIT, this::refuse);

        if (metrics.catalog(admin).metrics().stream().noneMatch(m -> m.key().equals("csat"))) {
            Long engagement = metrics.catalog(admin).families().stream().filter(f -> f.name().equals("Engagement")).map(f -> f.id())
                    .findFirst().orElse(null);
            metrics.save(admin, null, new MetricDraft("csat", "Support satisfaction", engagement, null, "number", null, "higher_is_better",
                    BigDecimal.valueOf(4), BigDecimal.valueOf(100), BigDecimal.valueOf(75), null, null, null, "everyone", "managers", null, 2, null));
        }
        Map<String, TreeMap<YearMonth, BigDecimal[]>> scores = new TreeMap<>();
        read(directory.resolve("ravenstack_support_tickets.csv"), row -> {
            String score = row.getField("satisfaction_score");
            if (score.isBlank()) {
                return;
            }
            YearMonth month = YearMonth.from(LocalDate.parse(row.getField("submitted_at").substring(0, 10)));
            BigDecimal[] sum = scores.computeIfAbsent(row.getField("account_id"), a -> new TreeMap<>())
                    .computeIfAbsent(month, m -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(new BigDecimal(score));
            sum[1] = sum[1].add(BigDecimal.ONE);
        });
        List<AccountValueImport.ValueRow> rows = new ArrayList<>();
        scores.forEach((account, months) -> months.forEach((month, sum) -> rows.add(new AccountValueImport.ValueRow(account, SOURCE, "csat",
                month.atEndOfMonth().toString(), sum[0].divide(sum[1], 2, RoundingMode.HALF_UP).toPlainString()))));
        var valueLoad = values.load(admin, rows, 1, false);
        if (!valueLoad.errors().isEmpty()) {
            throw new InvalidInputException("ravenstack", "satisfaction values refused: " + valueLoad.errors().subList(0, Math.min(3, valueLoad.errors().size())));
        }
        return new Loaded(accountLoad.created() + accountLoad.updated() + accountLoad.unchanged(),
                revenueLoad.created() + revenueLoad.updated() + revenueLoad.unchanged(), valueLoad.recorded());
    }

    private void refuse(long line, String label, List<dev.northstar.ingest.BatchResult.FieldError> errors) {
        throw new InvalidInputException("ravenstack", "record " + line + " (" + label + ") refused: " + errors);
    }

    private static RawRecord record(long line, Map<String, String> fields) {
        return new RawRecord() {
            @Override
            public long line() {
                return line;
            }

            @Override
            public String get(String field) {
                String value = fields.get(field);
                return value == null || value.isBlank() ? null : value;
            }
        };
    }

    private static void read(Path file, Consumer<NamedCsvRecord> each) {
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file)) {
            csv.forEach(each);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
