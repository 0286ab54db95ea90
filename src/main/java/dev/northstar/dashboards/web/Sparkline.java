package dev.northstar.dashboards.web;

import dev.northstar.analytics.MetricQueries.Point;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A metric's last periods as a small line drawn in SVG on the server (no script, readable by screen readers through
 * its description). Periods without data leave a gap in the line.
 *
 * @param segments    SVG polyline point lists in a 100 x 28 box, one per run of periods with data (a run of one is a
 *                    dot: a line of no length with round ends, which stays round in the stretched box)
 * @param last        where the last point sits, for its dot (null when the last period has no data)
 * @param description the periods and values in words
 */
public record Sparkline(List<String> segments, double[] last, String description) {

    static final double WIDTH = 100;
    static final double HEIGHT = 28;

    static Sparkline of(List<Point> points, Function<BigDecimal, String> format) {
        if (points.isEmpty()) {
            return null;
        }
        double min = points.stream().filter(p -> !p.noData()).mapToDouble(p -> p.value().doubleValue()).min().orElse(0);
        double max = points.stream().filter(p -> !p.noData()).mapToDouble(p -> p.value().doubleValue()).max().orElse(0);
        // The scale includes zero, as the cards' bars do, or small moves look like cliffs.
        min = Math.min(min, 0);
        max = Math.max(max, 0);
        double span = max - min == 0 ? 1 : max - min;
        double step = points.size() == 1 ? 0 : WIDTH / (points.size() - 1);
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        double[] last = null;
        List<String> words = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            words.add(point.period().label() + ": " + (point.noData() ? "no data" : format.apply(point.value())));
            if (point.noData()) {
                if (!segment.isEmpty()) {
                    segments.add(run(segment));
                    segment.setLength(0);
                }
                last = null;
                continue;
            }
            double x = i * step;
            double y = 2 + (HEIGHT - 4) * (1 - (point.value().doubleValue() - min) / span);
            segment.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            last = new double[]{x, y};
        }
        if (!segment.isEmpty()) {
            segments.add(run(segment));
        }
        return new Sparkline(segments, last, String.join("; ", words));
    }

    /** A run's points; a run of one point twice, so that its round line ends draw a dot. */
    private static String run(StringBuilder points) {
        String run = points.toString().trim();
        return run.contains(" ") ? run : run + " " + run;
    }

    /** The last point as a line of no length, drawn as a dot by its round ends. */
    public String lastDot() {
        String point = String.format(Locale.ROOT, "%.1f,%.1f", last[0], last[1]);
        return point + " " + point;
    }
}
