package dev.northstar.ingest.internal;

import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.internal.ValueReader.BadValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Monthly recurring revenue of an account: one line per (source, account, month), the latest value wins. */
public final class RevenueKind extends StagedKind {

    @Override
    public RecordKind kind() {
        return RecordKind.REVENUE;
    }

    @Override
    String table() {
        return "revenue_line";
    }

    @Override
    List<Column> keys() {
        return List.of(new Column("source", "text"), new Column("account_ref", "text"), new Column("month", "date"));
    }

    @Override
    List<Column> values() {
        return List.of(new Column("mrr", "numeric"), new Column("currency", "text"));
    }

    @Override
    public FieldError repeated(String unit, long first) {
        return new FieldError("month", null, "repeats " + unit + " " + first + " (same source, account and month); the first one is kept");
    }

    @Override
    public String label(RawRecord record) {
        return record.get("accountRef") + " " + record.get("month");
    }

    @Override
    public Object[] read(RawRecord record, RecordContext context, List<FieldError> errors) {
        String source = context.source(record.get("source"), errors);
        String accountRef = required(record, "accountRef", "the external id of the account", errors);
        LocalDate month = null;
        String monthText = record.get("month");
        if (monthText == null) {
            errors.add(new FieldError("month", null, "is required, e.g. 2026-03"));
        } else {
            try {
                month = context.values().month(monthText);
            } catch (BadValue e) {
                errors.add(new FieldError("month", monthText, e.getMessage()));
            }
        }
        BigDecimal mrr = amount(record, "mrr", context.values(), 2, errors);
        if (mrr == null && record.get("mrr") == null) {
            errors.add(new FieldError("mrr", null, "is required: the month's recurring revenue (0 when the account churned)"));
        }
        String currency = currency(record, context, errors);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Object[]{source, accountRef, month, mrr, currency};
    }
}
