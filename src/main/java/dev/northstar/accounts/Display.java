package dev.northstar.accounts;

import dev.northstar.shared.InvalidInputException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a metric's value is shown. Percentages are kept as fractions (1.05 is 105 %); a colour ranking is a whole
 * number from 1 (worst) to its scale (best), shown as a coloured mark with "2 of 3".
 */
public enum Display {
    NUMBER("Number"), MONEY("Money"), PERCENT("Percent"), RANK("Colour ranking");

    private final String label;

    Display(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Display of(String key) {
        return Arrays.stream(values()).filter(d -> d.key().equals(key)).findFirst()
                .orElseThrow(() -> new InvalidInputException("display", "'" + key + "' is not one of number, money, percent, rank"));
    }

    /** The value in words for pages and reports; "—" when there is none. */
    public String format(BigDecimal value, String currency, Integer rankScale) {
        if (value == null) {
            return "—";
        }
        return switch (this) {
            case MONEY -> grouped("#,##0", value) + " " + currency;
            case PERCENT -> grouped("#,##0.#", value.movePointRight(2)) + " %";
            case RANK -> value.setScale(0, RoundingMode.HALF_UP).toPlainString() + " of " + rankScale;
            case NUMBER -> grouped("#,##0.##", value);
        };
    }

    /** A change (gain or loss) in words, signed; percentages as points. */
    public String formatChange(BigDecimal change, String currency) {
        if (change == null) {
            return "—";
        }
        String sign = change.signum() > 0 ? "+" : change.signum() < 0 ? "-" : "±";
        BigDecimal size = change.abs();
        return switch (this) {
            case MONEY -> sign + grouped("#,##0", size) + " " + currency;
            case PERCENT -> sign + grouped("#,##0.#", size.movePointRight(2)) + " pts";
            case RANK, NUMBER -> sign + grouped("#,##0.##", size);
        };
    }

    private static String grouped(String pattern, BigDecimal value) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }
}
