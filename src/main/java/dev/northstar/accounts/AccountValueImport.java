package dev.northstar.accounts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.accounts.internal.AccountStore;
import dev.northstar.accounts.internal.EntryStore;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of entered account metrics, imported in bulk (the API's batch, or a CSV file): every row is checked first,
 * and either all are recorded or, if any is wrong, none, with each wrong row named by its number, field and reason.
 * An account is named by its external id (with its source when two systems use the same id), a metric by its key;
 * a percentage is written in percent (95 or 95%), as on the pages.
 */
@Service
public class AccountValueImport {

    public static final int MAX_ROWS = 100_000;

    /** One row as read: everything is text, so that a wrong value can be reported as it was written. */
    public record ValueRow(String account, String source, String metric, String day, String value) {
    }

    /** A wrong row: its number (the line in a file, the position from 1 in a batch), the field, what it held, and why. */
    public record RowError(long row, String field, String value, String reason) {
    }

    public record Result(int received, int recorded, boolean dryRun, List<RowError> errors) {
    }

    private final AccountStore accounts;
    private final EntryStore entries;
    private final AccountMetrics metrics;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;

    AccountValueImport(AccountStore accounts, EntryStore entries, AccountMetrics metrics, AccessPolicy policy,
                       OrganizationDirectory directory, OrganizationService organization) {
        this.accounts = accounts;
        this.entries = entries;
        this.metrics = metrics;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
    }

    /** Checks every row, then records them all unless one is wrong or it is a dry run. {@code firstRow} numbers the first. */
    @Transactional
    public Result load(Viewer viewer, List<ValueRow> rows, long firstRow, boolean dryRun) {
        if (rows.size() > MAX_ROWS) {
            throw new InvalidInputException("rows", "at most " + MAX_ROWS + " in one import; split the file");
        }
        Map<String, AccountMetric> byKey = new HashMap<>();
        metrics.catalog(viewer).metrics().forEach(m -> byKey.put(m.key(), m));
        LocalDate today = organization.today(viewer);
        Map<String, List<Account>> accountsById = new HashMap<>();
        Map<Long, OrganizationDirectory.PersonRef> owners = new HashMap<>();
        directory.everyone(viewer.companyId()).forEach(p -> owners.put(p.ref().id(), p.ref()));
        List<RowError> errors = new ArrayList<>();
        List<Object[]> checked = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ValueRow row = rows.get(i);
            long number = firstRow + i;
            int before = errors.size();
            AccountMetric metric = null;
            String key = blankToNull(row.metric());
            if (key == null) {
                errors.add(new RowError(number, "metric", null, "is required: the key of an account metric"));
            } else if ((metric = byKey.get(key)) == null) {
                errors.add(new RowError(number, "metric", key, "is not an account metric of this company"));
            } else if (metric.system()) {
                errors.add(new RowError(number, "metric", key, "is computed from the records; only entered metrics take values"));
                metric = null;
            }
            Account account = account(viewer, row, number, accountsById, owners, errors);
            if (account != null && metric != null) {
                var owner = account.ownerId() == null ? null : owners.get(account.ownerId());
                var sees = policy.accountMetric(viewer, owner, metric.viewRole(), metric.name());
                var decision = sees.allowed() ? policy.accountMetric(viewer, owner, metric.editRole(), "changing " + metric.name()) : sees;
                if (!decision.allowed()) {
                    errors.add(new RowError(number, "metric", key, decision.reason()));
                }
            }
            LocalDate day = null;
            String dayText = blankToNull(row.day());
            try {
                day = dayText == null ? null : LocalDate.parse(dayText);
                if (day == null) {
                    errors.add(new RowError(number, "day", null, "is required, written 2026-03-31"));
                } else if (day.isAfter(today)) {
                    errors.add(new RowError(number, "day", dayText, "is after today (" + today + ")"));
                }
            } catch (DateTimeParseException e) {
                errors.add(new RowError(number, "day", dayText, "is not a date written 2026-03-31"));
            }
            BigDecimal value = value(row.value(), metric, number, errors);
            if (errors.size() == before) {
                checked.add(new Object[]{account.id(), metric.id(), day, value});
            }
        }
        boolean record = errors.isEmpty() && !dryRun;
        if (record) {
            for (Object[] v : checked) {
                entries.append(viewer.companyId(), (Long) v[0], (Long) v[1], EntryStore.Kind.VALUE, (LocalDate) v[2], (BigDecimal) v[3], viewer.personId());
            }
        }
        return new Result(rows.size(), record ? checked.size() : 0, dryRun, errors);
    }

    /**
     * A CSV file whose first line names the columns account, metric, day and value (source optional, in any order):
     * rows are numbered by their line in the file.
     */
    @Transactional
    public Result loadCsv(Viewer viewer, java.io.InputStream in, boolean dryRun) {
        var csv = de.siegmar.fastcsv.reader.CsvReader.builder().detectBomHeader(true).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(in, java.nio.charset.StandardCharsets.UTF_8);
        var records = csv.iterator();
        if (!records.hasNext()) {
            throw new InvalidInputException("file", "is empty: its first line must name the columns account, metric, day, value");
        }
        List<String> header = records.next().getFields().stream().map(h -> h.strip().toLowerCase(java.util.Locale.ROOT)).toList();
        for (String column : List.of("account", "metric", "day", "value")) {
            if (!header.contains(column)) {
                throw new InvalidInputException("file", "has no column '" + column + "' in its first line (found " + header + ")");
            }
        }
        List<ValueRow> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        while (records.hasNext()) {
            var record = records.next();
            if (rows.size() == MAX_ROWS) {
                throw new InvalidInputException("file", "has more than " + MAX_ROWS + " rows; split it");
            }
            rows.add(new ValueRow(field(record, header, "account"), field(record, header, "source"), field(record, header, "metric"),
                    field(record, header, "day"), field(record, header, "value")));
            lines.add(record.getStartingLineNumber());
        }
        Result result = load(viewer, rows, 1, dryRun);
        // load numbered the rows from 1; give each error its line in the file instead.
        List<RowError> byLine = result.errors().stream()
                .map(e -> new RowError(lines.get((int) e.row() - 1), e.field(), e.value(), e.reason())).toList();
        return new Result(result.received(), result.recorded(), dryRun, byLine);
    }

    private static String field(de.siegmar.fastcsv.reader.CsvRecord record, List<String> header, String column) {
        int index = header.indexOf(column);
        return index < 0 || index >= record.getFieldCount() ? null : record.getField(index);
    }

    /**
     * The account the row names, among those the viewer sees: one they may not see is "not an account of this company",
     * as a missing one is, so that an import cannot be used to find out which accounts exist.
     */
    private Account account(Viewer viewer, ValueRow row, long number, Map<String, List<Account>> cache,
                            Map<Long, OrganizationDirectory.PersonRef> owners, List<RowError> errors) {
        String externalId = blankToNull(row.account());
        if (externalId == null) {
            errors.add(new RowError(number, "account", null, "is required: the account's id in the system it comes from"));
            return null;
        }
        String source = blankToNull(row.source());
        List<Account> found = cache.computeIfAbsent(externalId, id -> accounts.byExternalId(viewer.companyId(), id)).stream()
                .filter(a -> policy.account(viewer, a.ownerId() == null ? null : owners.get(a.ownerId()), AccessPolicy.Action.VIEW).allowed())
                .filter(a -> source == null || a.source().equals(source)).toList();
        if (found.isEmpty()) {
            errors.add(new RowError(number, "account", externalId, "is not an account of this company" + (source == null ? "" : " from " + source)));
            return null;
        }
        if (found.size() > 1) {
            errors.add(new RowError(number, "source", null, "is required: " + found.size() + " accounts have the id " + externalId
                    + " (sources " + found.stream().map(Account::source).toList() + ")"));
            return null;
        }
        return found.get(0);
    }

    private static BigDecimal value(String text, AccountMetric metric, long number, List<RowError> errors) {
        String written = blankToNull(text);
        if (written == null) {
            errors.add(new RowError(number, "value", null, "is required"));
            return null;
        }
        boolean percentSign = written.endsWith("%");
        boolean percentMetric = metric != null && metric.display() == Display.PERCENT;
        if (percentSign && metric != null && !percentMetric) {
            errors.add(new RowError(number, "value", written, "is a percentage, but " + metric.name() + " is not one"));
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(percentSign ? written.substring(0, written.length() - 1).strip() : written);
            if (percentMetric) {
                value = value.movePointLeft(2); // in percent, with or without the sign, as on the page: 95 is 95 %
            }
            if (metric != null) {
                Accounts.checkValue(metric, value);
            }
            return value;
        } catch (NumberFormatException e) {
            errors.add(new RowError(number, "value", written, "is not a number (write 1234.5; a percentage as 95 or 95%)"));
        } catch (InvalidInputException e) {
            errors.add(new RowError(number, "value", written, e.reason()));
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
