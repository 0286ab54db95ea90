package dev.northstar.dashboards.web;

import dev.northstar.catalog.MetricDefinition.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    final Numbers dollars = Numbers.of("USD");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            COUNT    | 0 | 16           | 16
            COUNT    | 0 | 9999         | 9,999
            COUNT    | 1 | 12.34        | 12.3
            COUNT    | 0 | 12345        | 12.3K
            CURRENCY | 0 | 208449.5     | $208K
            CURRENCY | 0 | 1334567      | $1.33M
            CURRENCY | 0 | 1337385      | $1.34M
            CURRENCY | 0 | 1400000      | $1.4M
            CURRENCY | 0 | 999950       | $1M
            COUNT    | 0 | 2500000000000000 | 2,500T
            CURRENCY | 0 | -2615        | −$2,615
            PERCENT  | 1 | 0.50556      | 50.6 %
            PERCENT  | 1 | 0            | 0 %
            RATIO    | 1 | 3.25         | 3.3×
            DURATION | 1 | 12           | 12 d
            """)
    void valuesReadAsPeopleWriteThem(Unit unit, int decimals, String value, String shown) {
        assertThat(dollars.format(new BigDecimal(value), unit, decimals)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            COUNT    | 0 | 12      | +12
            COUNT    | 0 | -12     | −12
            COUNT    | 0 | 0       | ±0
            PERCENT  | 1 | -0.056  | −5.6 pts
            CURRENCY | 0 | 912000  | +$912K
            """)
    void changesCarryTheirSignAndPercentsChangeInPoints(Unit unit, int decimals, String change, String shown) {
        assertThat(dollars.change(new BigDecimal(change), unit, decimals)).isEqualTo(shown);
    }

    @org.junit.jupiter.api.Test
    void aCurrencyWithoutASymbolIsWrittenByItsCode() {
        assertThat(Numbers.of("EUR").format(new BigDecimal("1500"), Unit.CURRENCY, 0)).isEqualTo("€1,500");
        assertThat(Numbers.of("XYZ").format(new BigDecimal("1500"), Unit.CURRENCY, 0)).isEqualTo("XYZ 1,500");
        assertThat(Numbers.of("SEK").format(new BigDecimal("1500"), Unit.CURRENCY, 0)).as("a code is no sign").isEqualTo("SEK 1,500");
        assertThat(dollars.format(null, Unit.COUNT, 0)).isEqualTo("–");
    }
}
