package dev.northstar.ingest;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The client's side of {@link KillDuringImportTest}'s import: it builds the batches (mostly new activities, some
 * corrections of accepted ones that move them to another person, day and type) and keeps what it expects stored,
 * per key, from the batches it saw accepted. Activities fall in May and June 2026, often near midnight in the
 * company's zone, where its day and the UTC day differ.
 */
final class ImportLedger {

    static final YearMonth FIRST_MONTH = YearMonth.of(2026, 5);
    static final YearMonth LAST_MONTH = YearMonth.of(2026, 6);
    static final String SOURCE = "crm";
    static final int BATCH = Ingest.MAX_BATCH;
    static final int CORRECTIONS = 300;
    private static final List<String> TYPES = List.of("call", "call", "email", "meeting", "lead_created", "opportunity_created");
    private static final ZoneId ZONE = ZoneId.of("Europe/Oslo");

    /** A batch as sent; {@code rows}: each key's stored form (see {@link #stored}). */
    record Batch(int number, Map<String, String> rows, String json) {
        String idempotencyKey() {
            return "killed-import-" + number;
        }
    }

    private final KillTestCompany company;
    private final Random random;
    private final Map<String, String> expected = new HashMap<>();
    private final List<String> keys = new ArrayList<>();
    private volatile int accepted;

    ImportLedger(KillTestCompany company, Random random) {
        this.company = company;
        this.random = random;
    }

    /** The next batch: corrections of random accepted keys, then new keys. */
    Batch next(int number) {
        Set<String> corrected = new LinkedHashSet<>();
        for (int tries = 0; corrected.size() < Math.min(CORRECTIONS, keys.size()) && tries < 10 * CORRECTIONS; tries++) {
            corrected.add(keys.get(random.nextInt(keys.size())));
        }
        Map<String, String> rows = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder("[");
        List<String> batchKeys = new ArrayList<>(corrected);
        for (int i = 0; batchKeys.size() < BATCH; i++) {
            batchKeys.add("b" + number + "-" + i);
        }
        for (String key : batchKeys) {
            long person = company.reps().get(random.nextInt(company.reps().size()));
            Instant at = instant();
            String type = TYPES.get(random.nextInt(TYPES.size()));
            Integer quantity = random.nextInt(5) == 0 ? null : random.nextInt(60);
            rows.put(key, person + "|" + at.getEpochSecond() + "|" + type + "|" + (quantity == null ? "" : quantity));
            json.append(json.length() == 1 ? "" : ",").append("{\"externalId\":\"").append(key).append("\",\"source\":\"").append(SOURCE)
                    .append("\",\"type\":\"").append(type).append("\",\"personId\":").append(person)
                    .append(",\"occurredAt\":\"").append(at).append('"').append(quantity == null ? "" : ",\"quantity\":" + quantity).append('}');
        }
        return new Batch(number, rows, json.append(']').toString());
    }

    /** Within the months, a day away from their ends: near midnight (either side) three times in ten. */
    private Instant instant() {
        LocalDate first = FIRST_MONTH.atDay(2);
        LocalDate day = first.plusDays(random.nextInt((int) (LAST_MONTH.atEndOfMonth().toEpochDay() - first.toEpochDay())));
        int minutes = random.nextInt(10) < 3 ? random.nextInt(120) - 60 : 7 * 60 + random.nextInt(12 * 60);
        return day.atStartOfDay(ZONE).plusMinutes(minutes).toInstant();
    }

    void accept(Batch batch) {
        batch.rows().keySet().stream().filter(key -> !expected.containsKey(key)).forEach(keys::add);
        expected.putAll(batch.rows());
        accepted++;
    }

    int accepted() {
        return accepted;
    }

    Map<String, String> expected() {
        return Map.copyOf(expected);
    }

    Map<String, String> expectedWith(Batch batch) {
        Map<String, String> with = new HashMap<>(expected);
        with.putAll(batch.rows());
        return with;
    }

    /** The company's activities of the import as stored, in the form of {@link Batch#rows}. */
    Map<String, String> stored(JdbcClient jdbc) {
        Map<String, String> stored = new HashMap<>();
        jdbc.sql("""
                        select external_id, person_id || '|' || extract(epoch from occurred_at)::bigint || '|' || type || '|'
                               || coalesce(quantity::bigint::text, '')
                        from activity where company_id = ? and source = ?""")
                .params(company.id(), SOURCE).query(rs -> {
                    stored.put(rs.getString(1), rs.getString(2));
                });
        return stored;
    }

    /** Empty when equal; else how many keys are missing, unexpected or stored otherwise, with an example of each. */
    static String difference(Map<String, String> expected, Map<String, String> stored) {
        List<String> missing = expected.keySet().stream().filter(k -> !stored.containsKey(k)).sorted().toList();
        List<String> unexpected = stored.keySet().stream().filter(k -> !expected.containsKey(k)).sorted().toList();
        List<String> changed = expected.keySet().stream().filter(k -> stored.containsKey(k) && !stored.get(k).equals(expected.get(k)))
                .sorted().toList();
        if (missing.isEmpty() && unexpected.isEmpty() && changed.isEmpty()) {
            return "";
        }
        return "%d of %d expected keys missing %s, %d unexpected %s, %d stored otherwise %s".formatted(missing.size(), expected.size(),
                first(missing), unexpected.size(), first(unexpected), changed.size(),
                changed.stream().limit(3).map(k -> k + ": expected " + expected.get(k) + ", stored " + stored.get(k)).collect(Collectors.toList()));
    }

    private static List<String> first(List<String> keys) {
        return keys.subList(0, Math.min(3, keys.size()));
    }
}
