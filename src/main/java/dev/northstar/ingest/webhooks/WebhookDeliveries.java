package dev.northstar.ingest.webhooks;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.webhooks.WebhookRefusedException.Reason;
import dev.northstar.ingest.webhooks.WebhookSources.Credentials;
import dev.northstar.shared.InvalidInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives what a webhook sends: checks the signature before reading anything else, then loads every kind of record
 * in the body through the ingest engine as the admin who created the source, with the source's name as the records'
 * source, all in one transaction. Every refusal is logged and counted, so that someone probing or a sender with a
 * wrong secret shows up on the dashboards.
 */
@Service
public class WebhookDeliveries {

    public static final String TIMESTAMP_HEADER = "X-Northstar-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Northstar-Signature";
    public static final String REFUSED_METRIC = "northstar.webhooks.refused";

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
    /** Unknown sources are checked against this, so that they take as long to refuse as a wrong signature does. */
    private static final String NO_SECRET = "0".repeat(64);
    /** The kinds a body may hold, in the order they are loaded: referred-to records first (a deal names its account). */
    private static final List<RecordKind> KINDS = List.of(RecordKind.ACCOUNTS, RecordKind.DEALS, RecordKind.ACTIVITIES, RecordKind.REVENUE);

    /**
     * One request as it came: the source name from the URL, the two headers (null when absent), the body's bytes
     * exactly as sent (the signature is over them), and the client's address for the log.
     */
    public record Delivery(String source, String timestamp, String signature, byte[] body, String from) {
    }

    private final WebhookSources sources;
    private final OrganizationDirectory directory;
    private final Ingest ingest;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final WebhookSignature signatures;
    private final Map<Reason, Counter> refused = new EnumMap<>(Reason.class);

    WebhookDeliveries(WebhookSources sources, OrganizationDirectory directory, Ingest ingest, TransactionTemplate transactions,
                      JsonMapper json, MeterRegistry meters, Clock clock) {
        this.sources = sources;
        this.directory = directory;
        this.ingest = ingest;
        this.transactions = transactions;
        this.json = json;
        this.signatures = new WebhookSignature(clock);
        // Registered up front, so that the metric exists at zero before the first refusal.
        for (Reason reason : Reason.values()) {
            refused.put(reason, Counter.builder(REFUSED_METRIC).description("Webhook requests refused, by reason")
                    .tag("reason", reason.tag()).register(meters));
        }
    }

    /** The answer per kind of record sent, keyed like the body ("activities", "deals", ...). */
    public Map<String, BatchResult> deliver(Delivery delivery) {
        Credentials source = authenticate(delivery);
        Viewer creator = directory.viewer(source.companyId(), source.personId()).filter(Viewer::admin)
                .orElseThrow(() -> refuse(Reason.CREATOR_NOT_ADMIN, delivery));
        Map<RecordKind, List<?>> records = records(delivery.body());
        // All kinds or none: Ingest.batch joins this transaction, so an error in the last kind undoes the first ones.
        return transactions.execute(status -> {
            Map<String, BatchResult> answer = new LinkedHashMap<>();
            records.forEach((kind, list) -> answer.put(kind.key(), ingest.batch(creator, kind, list, source.name())));
            sources.markUsed(source);
            return answer;
        });
    }

    private Credentials authenticate(Delivery delivery) {
        if (delivery.timestamp() == null || delivery.signature() == null) {
            throw refuse(Reason.MISSING_SIGNATURE, delivery);
        }
        var source = sources.credentials(delivery.source());
        boolean signed = WebhookSignature.matches(source.map(Credentials::secret).orElse(NO_SECRET), delivery.timestamp(),
                delivery.body(), delivery.signature());
        if (source.isEmpty()) {
            throw refuse(Reason.UNKNOWN_SOURCE, delivery);
        }
        if (!signed) {
            throw refuse(Reason.INVALID_SIGNATURE, delivery);
        }
        // Checked after the signature: only a sender who holds the secret learns that its clock is off.
        if (!signatures.fresh(delivery.timestamp())) {
            throw refuse(Reason.STALE_TIMESTAMP, delivery);
        }
        return source.get();
    }

    private WebhookRefusedException refuse(Reason reason, Delivery delivery) {
        refused.get(reason).increment();
        log.warn("Webhook request refused ({}): source '{}', from {}", reason.tag(), printable(delivery.source()), delivery.from());
        return new WebhookRefusedException(reason);
    }

    /** The name from the URL, safe to log: it is whatever the caller sent. */
    private static String printable(String name) {
        String shown = name.replaceAll("[^\\x21-\\x7e]", "?");
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    private Map<RecordKind, List<?>> records(byte[] body) {
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> object)) {
            throw new InvalidInputException("body", "must be a JSON object such as {\"activities\": [...], \"deals\": [...]}");
        }
        for (Object key : object.keySet()) {
            if (KINDS.stream().noneMatch(kind -> kind.key().equals(key))) {
                throw new InvalidInputException(String.valueOf(key), "is not a kind of record a webhook sends: use activities, deals, accounts or revenue");
            }
        }
        Map<RecordKind, List<?>> records = new LinkedHashMap<>();
        for (RecordKind kind : KINDS) {
            if (!object.containsKey(kind.key())) {
                continue;
            }
            if (!(object.get(kind.key()) instanceof List<?> list)) {
                throw new InvalidInputException(kind.key(), "must be an array of records");
            }
            if (list.size() > Ingest.MAX_BATCH) {
                throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "A webhook request holds at most " + Ingest.MAX_BATCH + " "
                        + kind.key() + "; this one has " + list.size() + ". Split them over several requests.");
            }
            records.put(kind, list);
        }
        return records;
    }
}
