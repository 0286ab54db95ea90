package dev.northstar.reports.internal;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.northstar.shared.SpreadsheetCells;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows of text written as CSV (UTF-8) or as an XLSX sheet. A cell that reads as a number ("1,234.50", "-3") is a number
 * in the sheet and stays as shown in the CSV; any other text that a spreadsheet would run as a formula is defused.
 */
final class TableFiles {

    private static final Pattern NUMBER = Pattern.compile("-?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?");

    private TableFiles() {
    }

    static void csv(List<List<String>> rows, OutputStream out) throws IOException {
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CsvWriter csv = CsvWriter.builder().build(writer);
        for (List<String> row : rows) {
            csv.writeRecord(row.stream().map(cell -> number(cell) != null ? cell : SpreadsheetCells.text(cell)).toList());
        }
        csv.flush();
    }

    static void xlsx(List<List<String>> rows, String sheetName, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Northstar", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName(sheetName));
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int c = 0; c < row.size(); c++) {
                BigDecimal number = r == 0 ? null : number(row.get(c));
                if (number != null) {
                    sheet.value(r, c, number);
                } else {
                    sheet.value(r, c, row.get(c)); // a text cell: a spreadsheet never runs it as a formula
                }
                if (r == 0) {
                    sheet.style(r, c).bold().set();
                }
            }
        }
        workbook.finish();
    }

    static BigDecimal number(String text) {
        return text != null && NUMBER.matcher(text).matches() ? new BigDecimal(text.replace(",", "")) : null;
    }

    /** Excel allows 31 characters and none of []:*?/\ in a sheet's name. */
    private static String sheetName(String title) {
        String name = title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        return name.isEmpty() ? "Table" : name.length() > 31 ? name.substring(0, 31) : name;
    }
}
