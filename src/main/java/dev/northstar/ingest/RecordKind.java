package dev.northstar.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of record that come in, with their fields. The same field keys are the JSON property names of the API
 * and the targets of a file import's column mapping; {@code headers} are the column names that the importer
 * recognises for a field, best first (compared without case, spaces or punctuation).
 */
public enum RecordKind {

    ACTIVITIES("activities", "Activities", List.of(
            Field.required("externalId", "External id", "The activity's id in the system it comes from",
                    "externalid", "id", "activityid", "taskid", "eventid", "callid"),
            Field.required("type", "Type", "call, email, meeting, lead_created, opportunity_created or a custom type",
                    "type", "activitytype"),
            Field.required("person", "Person", "Who did it: e-mail address or full name",
                    "person", "personemail", "email", "owner", "callowner", "eventowner", "salesagent", "user", "rep", "assignedto"),
            Field.required("occurredAt", "When", "Date and time; without an offset it is read in the company's time zone",
                    "occurredat", "when", "datetime", "timestamp", "callstarttime", "startdatetime", "starttime", "date", "time"),
            Field.optional("quantity", "Quantity", "A number, e.g. call minutes",
                    "quantity", "minutes", "calldurationinminutes", "durationinminutes", "duration"),
            Field.optional("accountRef", "Account", "The external id of the account, from the same source",
                    "accountref", "account", "accountid"),
            Field.optional("dealRef", "Deal", "The external id of the deal, from the same source",
                    "dealref", "deal", "dealid", "opportunityid", "potentialid"))),

    DEALS("deals", "Deals", List.of(
            Field.required("externalId", "External id", "The deal's id in the system it comes from",
                    "externalid", "id", "dealid", "opportunityid", "potentialid"),
            Field.optional("name", "Name", "What is being sold", "name", "dealname", "opportunityname", "title", "product"),
            Field.required("owner", "Owner", "The salesperson: e-mail address or full name",
                    "owner", "owneremail", "dealowner", "salesagent", "rep", "person", "assignedto"),
            Field.optional("accountRef", "Account", "The external id of the account, from the same source",
                    "accountref", "account", "accountid", "accountname", "customer"),
            Field.optional("amount", "Amount", "The deal's value, e.g. 22700 or $22,700.00",
                    "amount", "value", "closevalue", "dealvalue", "dealamount"),
            Field.optional("currency", "Currency", "ISO 4217 code; the company's currency when empty", "currency", "currencycode"),
            Field.optional("createdOn", "Created on", "The day the deal was opened",
                    "createdon", "createddate", "created", "engagedate", "opendate", "createdate"),
            Field.optional("expectedCloseOn", "Expected close", "The day it is expected to close",
                    "expectedcloseon", "expectedclosedate", "expectedclose", "closingdate"),
            Field.required("stage", "Stage", "A pipeline stage, by key or name", "stage", "dealstage", "salesstage", "status"),
            Field.optional("closedOn", "Closed on", "The day it was won or lost; required for won and lost deals",
                    "closedon", "closedate", "closeddate"),
            Field.optional("stageChangedAt", "Stage entered at", "When the deal entered its stage; the closing day or now when empty",
                    "stagechangedat", "stagedate"))),

    ACCOUNTS("accounts", "Accounts", List.of(
            Field.required("externalId", "External id", "The account's id in the system it comes from",
                    "externalid", "id", "accountid", "account"),
            Field.optional("name", "Name", "The customer's name; the external id when empty", "name", "accountname", "company", "customer"),
            Field.optional("owner", "Owner", "The account owner: e-mail address or full name", "owner", "accountowner", "owneremail"),
            Field.optional("segment", "Segment", "e.g. SMB, Mid-Market, Enterprise", "segment", "tier"),
            Field.optional("industry", "Industry", "e.g. Software", "industry", "sector", "vertical"),
            Field.optional("parentRef", "Parent account", "The external id of the parent account, from the same source",
                    "parentref", "parent", "parentaccount", "parentid", "subsidiaryof"))),

    REVENUE("revenue", "Recurring revenue", List.of(
            Field.required("accountRef", "Account", "The external id of the account, from the same source",
                    "accountref", "account", "accountid", "customer"),
            Field.required("month", "Month", "The month, e.g. 2026-03 or any day in it", "month", "period", "date"),
            Field.required("mrr", "MRR", "Monthly recurring revenue, e.g. 1200 or $1,200.00",
                    "mrr", "monthlyrecurringrevenue", "monthlyrevenue", "amount", "revenue"),
            Field.optional("currency", "Currency", "ISO 4217 code; the company's currency when empty", "currency", "currencycode"))),

    PEOPLE("people", "People", List.of(
            Field.required("name", "Name", "Full name", "name", "fullname", "displayname", "salesagent", "lastname"),
            Field.optional("email", "E-mail", "Login e-mail address; made from the name and a domain you give when empty",
                    "email", "emailaddress", "mail"),
            Field.optional("team", "Team", "Team name; created when missing", "team", "teamname"),
            Field.optional("department", "Department", "Department name; created when missing",
                    "department", "regionaloffice", "region", "office", "division"),
            Field.optional("manager", "Manager", "Who leads the person's team: made lead of it (and of a team named after them when no team is given)",
                    "manager", "teamlead", "lead", "reportsto")));

    /** A field of a record: {@code key} is its JSON name and mapping target. */
    public record Field(String key, String label, boolean required, String description, List<String> headers) {

        static Field required(String key, String label, String description, String... headers) {
            return new Field(key, label, true, description, List.of(headers));
        }

        static Field optional(String key, String label, String description, String... headers) {
            return new Field(key, label, false, description, List.of(headers));
        }
    }

    private final String key;
    private final String label;
    private final List<Field> fields;

    RecordKind(String key, String label, List<Field> fields) {
        this.key = key;
        this.label = label;
        this.fields = fields;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<Field> field(String fieldKey) {
        return fields.stream().filter(f -> f.key().equals(fieldKey)).findFirst();
    }

    public static Optional<RecordKind> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key == null ? null : key.toLowerCase(Locale.ROOT))).findFirst();
    }
}
