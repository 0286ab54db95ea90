package dev.northstar.accounts;

/**
 * What the portfolio shows: accounts of one owner and segment, in a health band ({@link Health.Band#key()}), sorted
 * by "name", "owner", "health" or a metric's key, one page (from 1) of {@link #PAGE_SIZE}. Nulls mean all.
 */
public record PortfolioFilter(Long owner, String segment, String band, String sort, boolean descending, int page) {

    public static final int PAGE_SIZE = 50;

    public PortfolioFilter {
        segment = segment == null || segment.isBlank() ? null : segment.strip();
        band = band == null || band.isBlank() ? null : band.strip();
        sort = sort == null || sort.isBlank() ? "health" : sort.strip();
        page = Math.max(1, page);
    }

    public static PortfolioFilter all() {
        return new PortfolioFilter(null, null, null, "health", false, 1);
    }
}
