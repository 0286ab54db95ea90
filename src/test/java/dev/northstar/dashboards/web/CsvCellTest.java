package dev.northstar.dashboards.web;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A record's values as CSV cells: text a spreadsheet would run as a formula opens as text; numbers stay numbers. */
class CsvCellTest {

    @Test
    void textThatLooksLikeAFormulaGetsAnApostrophe() {
        assertThat(MetricPages.cell("=HYPERLINK(\"http://evil\",\"Acme\")")).isEqualTo("'=HYPERLINK(\"http://evil\",\"Acme\")");
        assertThat(MetricPages.cell("+1 call")).isEqualTo("'+1 call");
        assertThat(MetricPages.cell("-x")).isEqualTo("'-x");
        assertThat(MetricPages.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(MetricPages.cell("\tcmd")).isEqualTo("'\tcmd");
    }

    @Test
    void plainTextNumbersDatesAndNothingAreWrittenAsTheyAre() {
        assertThat(MetricPages.cell("Acme Corp")).isEqualTo("Acme Corp");
        assertThat(MetricPages.cell(new BigDecimal("-5"))).isEqualTo("-5");
        assertThat(MetricPages.cell(LocalDate.of(2026, 11, 24))).isEqualTo("2026-11-24");
        assertThat(MetricPages.cell("")).isEmpty();
        assertThat(MetricPages.cell(null)).isEmpty();
    }
}
