package dev.northstar.dashboards.web;

import dev.northstar.catalog.MetricDefinition.Unit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Numbers as people read them on a page: money and large counts shortened (1.2M), percents as percents (the value
 * 0.506 reads 50.6 %), durations in days, ratios with a times sign. The exact value stays in the API.
 */
record Numbers(String currencySymbol) {

    private static final String[] SUFFIXES = {"", "K", "M", "B", "T"};

    /** The currency's sign where it has one of its own ($, €, £), else its code and a space (SEK 1,234). */
    static Numbers of(String currency) {
        try {
            String symbol = Currency.getInstance(currency).getSymbol(Locale.US);
            return new Numbers(symbol.equals(currency) ? currency + " " : symbol);
        } catch (IllegalArgumentException | NullPointerException e) {
            return new Numbers(currency == null ? "" : currency + " ");
        }
    }

    String format(BigDecimal value, Unit unit, int decimals) {
        if (value == null) {
            return "–";
        }
        return switch (unit) {
            case CURRENCY -> (value.signum() < 0 ? "−" : "") + currencySymbol + plain(value.abs(), 0);
            case PERCENT -> fixed(value.movePointRight(2), Math.max(decimals, 0)) + " %";
            case DURATION -> fixed(value, Math.max(decimals, 1)) + " d";
            case RATIO -> fixed(value, Math.max(decimals, 1)) + "×";
            case COUNT -> plain(value, decimals);
        };
    }

    /** An amount in its own currency, shortened as money on the pages is ($22.7K, SEK 1.2M). */
    static String money(BigDecimal amount, String currency) {
        return of(currency).format(amount, Unit.CURRENCY, 0);
    }

    /** A change between two values, with its sign; percents change in points. */
    String change(BigDecimal change, Unit unit, int decimals) {
        if (change == null) {
            return null;
        }
        String sign = change.signum() > 0 ? "+" : change.signum() < 0 ? "−" : "±";
        if (unit == Unit.PERCENT) {
            return sign + fixed(change.abs().movePointRight(2), Math.max(decimals, 0)) + " pts";
        }
        return sign + format(change.abs(), unit, decimals);
    }

    /**
     * Numbers grouped below 10,000, shortened above to three significant figures (12.3K, 208K, 1.33M), so that a
     * value and its target differ on the page when they differ by more than a rounding.
     */
    private static String plain(BigDecimal value, int decimals) {
        if (value.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            BigDecimal rounded = value.round(new MathContext(3, RoundingMode.HALF_UP)); // 999,950 is 1M, not 1,000K
            int thousands = Math.min(SUFFIXES.length - 1, (rounded.abs().toBigInteger().toString().length() - 1) / 3);
            BigDecimal scaled = rounded.movePointLeft(3 * thousands);
            int shown = scaled.abs().toBigInteger().toString().length(); // 2 for 12.345 (thousands)
            return fixed(scaled, Math.max(0, 3 - shown)) + SUFFIXES[thousands];
        }
        return fixed(value, decimals);
    }

    private static String fixed(BigDecimal value, int decimals) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(0);
        format.setMaximumFractionDigits(decimals);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }
}
