package dev.northstar.ingest.internal;

import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.PipelineStages.Outcome;
import dev.northstar.ingest.PipelineStages.Stage;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.RecordKind;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Deals, upserted by (source, external id). The stage decides open, won or lost; whenever a deal arrives in
 * another stage than the last one recorded, the change is appended to its history with its time.
 */
public final class DealKind extends StagedKind {

    @Override
    public RecordKind kind() {
        return RecordKind.DEALS;
    }

    @Override
    String ownerColumn() {
        return "owner_id";
    }

    @Override
    String table() {
        return "deal";
    }

    @Override
    List<Column> keys() {
        return List.of(new Column("source", "text"), new Column("external_id", "text"));
    }

    @Override
    List<Column> values() {
        return List.of(new Column("name", "text"), new Column("owner_id", "bigint"), new Column("account_ref", "text"),
                new Column("amount", "numeric"), new Column("currency", "text"), new Column("created_on", "date"),
                new Column("expected_close_on", "date"), new Column("stage", "text"), new Column("outcome", "text"),
                new Column("closed_on", "date"));
    }

    @Override
    List<Column> extras() {
        return List.of(new Column("stage_changed_at", "timestamptz"));
    }

    @Override
    List<String> cellColumns() {
        return List.of("owner_id", "created_on", "closed_on");
    }

    /** A deal counts for its owner on each date a metric may put it in a period by: created and closed. */
    @Override
    List<String> cells(String alias, String zone) {
        return List.of("(" + alias + ".owner_id, " + alias + ".created_on)", "(" + alias + ".owner_id, " + alias + ".closed_on)");
    }

    @Override
    public Object[] read(RawRecord record, RecordContext context, List<FieldError> errors) {
        ValueReader values = context.values();
        String source = context.source(record.get("source"), errors);
        String externalId = required(record, "externalId", "the id of this deal in the system it comes from", errors);
        String name = optional(record, "name", errors);
        String ownerText = record.get("owner");
        PersonRef owner = null;
        if (ownerText == null) {
            errors.add(new FieldError("owner", null, "is required: the salesperson's e-mail address or full name"));
        } else {
            owner = context.person("owner", ownerText, errors);
        }
        String accountRef = optional(record, "accountRef", errors);
        BigDecimal amount = amount(record, "amount", values, 2, errors);
        String currency = currency(record, context, errors);
        LocalDate createdOn = date(record, "createdOn", values, errors);
        LocalDate expectedCloseOn = date(record, "expectedCloseOn", values, errors);
        LocalDate closedOn = date(record, "closedOn", values, errors);
        OffsetDateTime stageChangedAt = instant(record, "stageChangedAt", values, errors);
        String stageText = record.get("stage");
        Stage stage = null;
        if (stageText == null) {
            errors.add(new FieldError("stage", null, "is required: one of " + context.stageNames()));
        } else if ((stage = context.stage(stageText)) == null) {
            errors.add(new FieldError("stage", stageText, "is not a stage of this company's pipeline " + context.stageNames()
                    + "; add it under Pipeline or map it to one of these"));
        } else if (stage.outcome() == Outcome.OPEN && closedOn != null) {
            errors.add(new FieldError("closedOn", record.get("closedOn"), "must be empty while the deal is open (stage " + stage.name() + ")"));
        } else if (stage.outcome() != Outcome.OPEN && closedOn == null && record.get("closedOn") == null) {
            errors.add(new FieldError("closedOn", null, "is required for a deal in the " + stage.name() + " stage (won or lost)"));
        }
        if (createdOn != null && closedOn != null && closedOn.isBefore(createdOn)) {
            errors.add(new FieldError("closedOn", record.get("closedOn"), "is before createdOn " + createdOn));
        }
        if (createdOn != null && expectedCloseOn != null && expectedCloseOn.isBefore(createdOn)) {
            errors.add(new FieldError("expectedCloseOn", record.get("expectedCloseOn"), "is before createdOn " + createdOn));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        if (stageChangedAt == null && closedOn != null) {
            stageChangedAt = closedOn.atStartOfDay(values.zone()).toOffsetDateTime();
        }
        return new Object[]{source, externalId, name, owner.id(), accountRef, amount, currency, createdOn, expectedCloseOn,
                stage.key(), stage.outcome().stored(), closedOn, stageChangedAt};
    }

    /** Appends a stage change for every staged deal whose stage differs from the last one in its history. */
    @Override
    void afterMerge(JdbcClient jdbc, long companyId, OffsetDateTime now) {
        jdbc.sql("""
                        insert into deal_stage_change (company_id, deal_id, stage, outcome, changed_at)
                        select d.company_id, d.id, d.stage, d.outcome, coalesce(s.stage_changed_at, ?)
                        from ingest_stage s join deal d on d.company_id = ? and d.source = s.source and d.external_id = s.external_id
                        where d.stage is distinct from (select c.stage from deal_stage_change c
                                                        where c.company_id = d.company_id and c.deal_id = d.id
                                                        order by c.id desc limit 1)""")
                .params(now, companyId).update();
    }
}
