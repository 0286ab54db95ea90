package dev.northstar.ingest.internal;

import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.RecordKind;

import java.util.List;

/** Customer accounts, upserted by (source, external id); the parent is named by its external id. */
public final class AccountKind extends StagedKind {

    @Override
    public RecordKind kind() {
        return RecordKind.ACCOUNTS;
    }

    @Override
    String ownerColumn() {
        return "owner_id";
    }

    @Override
    String table() {
        return "account";
    }

    @Override
    List<Column> keys() {
        return List.of(new Column("source", "text"), new Column("external_id", "text"));
    }

    @Override
    List<Column> values() {
        return List.of(new Column("name", "text"), new Column("owner_id", "bigint"), new Column("segment", "text"),
                new Column("industry", "text"), new Column("parent_ref", "text"));
    }

    @Override
    public Object[] read(RawRecord record, RecordContext context, List<FieldError> errors) {
        String source = context.source(record.get("source"), errors);
        String externalId = required(record, "externalId", "the id of this account in the system it comes from", errors);
        String name = optional(record, "name", errors);
        String ownerText = record.get("owner");
        PersonRef owner = ownerText == null ? null : context.person("owner", ownerText, errors);
        if (ownerText == null && !context.viewerIsAdmin()) {
            errors.add(new FieldError("owner", null, "is required: only company admins may send accounts without an owner"));
        }
        String segment = optional(record, "segment", errors);
        String industry = optional(record, "industry", errors);
        String parentRef = optional(record, "parentRef", errors);
        if (parentRef != null && parentRef.equals(externalId)) {
            errors.add(new FieldError("parentRef", parentRef, "an account cannot be its own parent"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Object[]{source, externalId, name != null ? name : externalId, owner == null ? null : owner.id(), segment, industry, parentRef};
    }
}
