package dev.northstar.ingest.internal;

import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.internal.ValueReader.BadValue;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A kind of record that is loaded through a staging table: how a record is read into the staging columns, and
 * which table it is upserted into by which key. {@link StagedLoad} does the rest, the same way for every kind.
 */
public abstract class StagedKind {

    /** A staging column: its name in the target table and its SQL type. */
    public record Column(String name, String type) {
    }

    public abstract RecordKind kind();

    abstract String table();

    /** The upsert key after company_id. */
    abstract List<Column> keys();

    /** The columns stored and compared. */
    abstract List<Column> values();

    /** The answer for a record whose key an earlier one in the same load has ({@code unit}: record or line). */
    public FieldError repeated(String unit, long first) {
        return new FieldError("externalId", null, "repeats " + unit + " " + first + " (same source and external id); the first one is kept");
    }

    /** The column naming the person a record belongs to (who may change it), or null when it belongs to the company. */
    String ownerColumn() {
        return null;
    }

    /** The field that names that person, for messages. */
    public String ownerField() {
        return "owner";
    }

    /** Staged for {@link #afterMerge} but not stored in the table. */
    List<Column> extras() {
        return List.of();
    }

    /** The record's values in the order keys, values, extras; null (with errors) when it cannot be stored. */
    public abstract Object[] read(RawRecord record, RecordContext context, List<FieldError> errors);

    /** What identifies the record in answers. */
    public String label(RawRecord record) {
        return record.get("externalId");
    }

    /**
     * The stored columns that decide the rollup cells (person, day) a record counts in; empty for kinds that count
     * in none (their metrics are not rolled up).
     */
    List<String> cellColumns() {
        return List.of();
    }

    /**
     * The record's cells as SQL rows {@code (person, day)} over {@code alias}, which has the {@link #cellColumns};
     * {@code zone} is the SQL of the company's time zone. A cell whose day is null is no cell.
     */
    List<String> cells(String alias, String zone) {
        return List.of();
    }

    /** Runs after the upsert, in the same transaction, with the staged rows still in {@code ingest_stage}. */
    void afterMerge(JdbcClient jdbc, long companyId, OffsetDateTime now) {
    }

    // ---- reading helpers shared by the kinds ----------------------------------------------------------------

    static String required(RawRecord record, String field, String hint, List<FieldError> errors) {
        String value = record.get(field);
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, null, "is required" + (hint == null ? "" : ": " + hint)));
            return null;
        }
        return limited(field, value.strip(), errors);
    }

    static String optional(RawRecord record, String field, List<FieldError> errors) {
        String value = record.get(field);
        return value == null || value.isBlank() ? null : limited(field, value.strip(), errors);
    }

    static String limited(String field, String value, List<FieldError> errors) {
        if (value.indexOf('\u0000') >= 0) {
            errors.add(new FieldError(field, value.replace('\u0000', '\uFFFD'), "must not contain the NUL character"));
            return value;
        }
        if (value.length() > 200) {
            errors.add(new FieldError(field, value.substring(0, 40) + "…", "must be at most 200 characters"));
        }
        return value;
    }

    static BigDecimal amount(RawRecord record, String field, ValueReader values, int scale, List<FieldError> errors) {
        String text = record.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal number = values.number(text);
            if (number.signum() < 0) {
                errors.add(new FieldError(field, text, "must not be negative"));
            } else if (number.stripTrailingZeros().scale() > scale || number.precision() - number.scale() > 14) {
                errors.add(new FieldError(field, text, "has too many digits (at most 14 before and " + scale + " after the point)"));
            }
            return number;
        } catch (BadValue e) {
            errors.add(new FieldError(field, text, e.getMessage()));
            return null;
        }
    }

    static LocalDate date(RawRecord record, String field, ValueReader values, List<FieldError> errors) {
        String text = record.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return values.date(text);
        } catch (BadValue e) {
            errors.add(new FieldError(field, text, e.getMessage()));
            return null;
        }
    }

    static OffsetDateTime instant(RawRecord record, String field, ValueReader values, List<FieldError> errors) {
        String text = record.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return values.instant(text);
        } catch (BadValue e) {
            errors.add(new FieldError(field, text, e.getMessage()));
            return null;
        }
    }

    static String currency(RawRecord record, RecordContext context, List<FieldError> errors) {
        String text = record.get("currency");
        if (text == null || text.isBlank()) {
            return context.currency();
        }
        String code = text.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            java.util.Currency.getInstance(code);
            return code;
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("currency", text, "is not an ISO 4217 currency code such as USD or EUR"));
            return null;
        }
    }
}
