package dev.northstar.shared;

/** Values as cells of a CSV or XLSX download. */
public final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    /**
     * A value as a cell's text. Text that a spreadsheet would read as a formula (names and ids come from CRMs and
     * webhooks: "=HYPERLINK(...)") gets a leading apostrophe, so that it opens as the text it is.
     */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        boolean formula = value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        return formula ? "'" + text : text;
    }
}
