package dev.northstar.reports.internal;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A page's table read back as a person reads it, and written as CSV and XLSX. */
class HtmlTableTest {

    static final Document PAGE = Jsoup.parse("""
            <html><head><title>Teams · Northstar</title></head><body>
            <table><tbody><tr><td>first table</td></tr></tbody></table>
            <table id="teams">
              <thead><tr><th>Team</th><th>Members</th><th>Revenue</th><th>Active</th><th>Stage</th><th><span class="sr-only">Actions</span></th></tr></thead>
              <tbody>
                <tr><td><a href="/teams/1">Enterprise</a> <span class="tag">new</span></td><td>12</td><td data-value="1234567.5">$1.2M</td>
                    <td><input type="checkbox" checked></td>
                    <td><select><option>Lead</option><option selected>Won</option></select></td>
                    <td><form><button>Delete</button></form></td></tr>
                <tr><td>=HYPERLINK("http://evil")</td><td>1,204</td><td>-3</td><td><input type="checkbox"></td><td colspan="2">none</td></tr>
              </tbody>
              <tfoot><tr><th>Total</th><td>1,216</td><td></td><td></td><td></td><td></td></tr></tfoot>
            </table></body></html>""");

    @Test
    void aTableReadsAsItsHeadingAndRowsWithoutItsButtonsColumn() {
        List<List<String>> rows = HtmlTable.rows(HtmlTable.find(PAGE, "teams").orElseThrow());
        assertThat(rows).containsExactly(
                List.of("Team", "Members", "Revenue", "Active", "Stage"),
                List.of("Enterprise new", "12", "1234567.5", "yes", "Won"),
                List.of("=HYPERLINK(\"http://evil\")", "1,204", "-3", "", "none"),
                List.of("Total", "1,216", "", "", ""));
        assertThat(HtmlTable.find(PAGE, "0").orElseThrow().text()).isEqualTo("first table");
        assertThat(HtmlTable.find(PAGE, "1").orElseThrow().id()).isEqualTo("teams");
        assertThat(HtmlTable.find(PAGE, "2")).isEmpty();
        assertThat(HtmlTable.find(PAGE, "nope")).isEmpty();
        assertThat(HtmlTable.title(PAGE)).isEqualTo("Teams");
    }

    @Test
    void numbersAreNumbersInTheSheetAndFormulasAreDefusedInTheCsv() throws Exception {
        List<List<String>> rows = HtmlTable.rows(HtmlTable.find(PAGE, "teams").orElseThrow());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        TableFiles.csv(rows, csv);
        assertThat(csv.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "Team,Members,Revenue,Active,Stage",
                "Enterprise new,12,1234567.5,yes,Won",
                "\"'=HYPERLINK(\"\"http://evil\"\")\",\"1,204\",-3,,none",
                "Total,\"1,216\",,,");

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        TableFiles.xlsx(rows, "Teams: by [region]", xlsx);
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
            var sheet = book.getFirstSheet();
            assertThat(sheet.getName()).isEqualTo("Teams  by  region");
            List<Row> read = sheet.read();
            assertThat(read.get(0).getCellText(0)).isEqualTo("Team");
            assertThat(read.get(1).getCellAsNumber(2)).contains(new BigDecimal("1234567.5"));
            assertThat(read.get(2).getCellAsNumber(1)).contains(new BigDecimal("1204"));
            assertThat(read.get(2).getCellText(0)).as("a text cell, never run").isEqualTo("=HYPERLINK(\"http://evil\")");
            assertThat(read.get(2).getCell(0).getType().name()).isEqualTo("STRING");
        }
    }
}
