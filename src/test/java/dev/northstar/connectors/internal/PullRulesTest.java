package dev.northstar.connectors.internal;

import dev.northstar.shared.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small rules of a pull: schedules, cursor order, the records' numbering and mapping, and the hosts a connector may read. */
class PullRulesTest {

    @Test
    void aScheduleIsAFiveFieldCronInTheCompanysTimeZone() {
        Instant monday = Instant.parse("2026-11-23T07:30:00Z"); // 08:30 in Berlin
        assertThat(PullSchedule.parse("0 6 * * MON-FRI").next(monday, ZoneId.of("Europe/Berlin"))).isEqualTo(Instant.parse("2026-11-24T05:00:00Z"));
        assertThat(PullSchedule.parse("*/15 * * * *").next(monday, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-11-23T07:45:00Z"));
        assertThat(PullSchedule.parse("@hourly").next(monday, ZoneId.of("UTC"))).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
        assertThatThrownBy(() -> PullSchedule.parse("* * * * * *")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("schedule must have five fields"); // no seconds: at most once a minute
        assertThatThrownBy(() -> PullSchedule.parse("")).hasMessageContaining("schedule is required");
        assertThatThrownBy(() -> PullSchedule.parse("0 25 * * *")).hasMessageContaining("schedule is not a cron expression");
    }

    @Test
    void theCursorIsTheGreatestValueComparedAsNumbersInstantsOrText() {
        assertThat(CursorValues.max("9", "10")).isEqualTo("10");
        assertThat(CursorValues.max("2026-11-02T10:00:00+02:00", "2026-11-02T09:00:00Z")).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(CursorValues.max("2026-11-02", "2026-10-31")).isEqualTo("2026-11-02");
        assertThat(CursorValues.max(null, "a")).isEqualTo("a");
    }

    @Test
    void recordsAreNumberedMappedAndTheCursorSkipsRejectedOnes() {
        List<SourceRecord> rows = List.of(row(Map.of("id", "a", "changed", "5")), row(Map.of("id", "b", "changed", "9")), row(Map.of("id", "c", "changed", "7")));
        var iterator = rows.iterator();
        PulledRecords records = new PulledRecords(() -> iterator.hasNext() ? iterator.next() : null, Map.of("externalId", "id"), "changed", 10);
        List<PulledRecord> read = new java.util.ArrayList<>();
        records.forEachRemaining(read::add);
        assertThat(read).extracting(PulledRecord::line).containsExactly(1L, 2L, 3L);
        assertThat(read.get(1).get("externalId")).isEqualTo("b");
        assertThat(read.get(1).get("id")).as("its own name too").isEqualTo("b");
        assertThat(records.cursorAfter(Set.of())).isEqualTo("9");
        assertThat(records.cursorAfter(Set.of(2L))).as("b (9) was rejected: it must be pulled again").isEqualTo("7");
        assertThat(records.cursorAfter(Set.of(3L))).as("c (7) was rejected: the cursor stays below it, though b (9) loaded").isEqualTo("5");
        assertThat(records.cursorAfter(Set.of(1L))).as("nothing loaded below the rejected a (5): the cursor stays").isNull();

        var many = List.of(row(Map.of("id", "a")), row(Map.of("id", "b"))).iterator();
        PulledRecords limited = new PulledRecords(() -> many.hasNext() ? many.next() : null, Map.of(), null, 1);
        limited.next();
        assertThatThrownBy(limited::next).isInstanceOf(PullFailed.class).hasMessageContaining("more than 1 records in one pull");
    }

    @Test
    void hostsOnThisMachineOrAPrivateNetworkAreRefusedUnlessAllowed() {
        PullLimits strict = new PullLimits(Duration.ofSeconds(1), DataSize.ofMegabytes(1), 10, 10, false);
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.0.9", "169.254.169.254", "::1")) {
            assertThatThrownBy(() -> strict.checkHost(host, "settings.url")).as(host).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("northstar.connectors.allow-private-addresses");
        }
        strict.checkHost("93.184.215.14", "settings.url");
        new PullLimits(Duration.ofSeconds(1), DataSize.ofMegabytes(1), 10, 10, true).checkHost("127.0.0.1", "settings.url");
    }

    @Test
    void aDatabaseAddressNamesOnePostgreSqlHost() {
        assertThat(JdbcSource.host("jdbc:postgresql://crm-db:5432/crm")).isEqualTo("crm-db");
        assertThat(JdbcSource.host("jdbc:postgresql://[::1]:5432/crm")).isEqualTo("::1");
        assertThatThrownBy(() -> JdbcSource.host("jdbc:postgresql://a,b/crm")).hasMessageContaining("must name one host");
        assertThatThrownBy(() -> JdbcSource.host("jdbc:sqlserver://a/crm")).hasMessageContaining("must be a PostgreSQL address");
    }

    private static SourceRecord row(Map<String, String> cells) {
        return new MapRecord(List.copyOf(cells.keySet()), cells);
    }
}
