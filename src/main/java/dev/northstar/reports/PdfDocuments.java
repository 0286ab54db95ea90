package dev.northstar.reports;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a report's HTML, the same that the browser shows, into a PDF: jsoup reads it as a browser would (so the
 * template need not be strict XHTML) and openhtmltopdf lays it out with the page's own print CSS. The document is
 * rendered with no base address, so a report cannot make the server fetch anything.
 */
@Component
public class PdfDocuments {

    public byte[] fromHtml(String html) {
        var document = new W3CDom().fromJsoup(Jsoup.parse(html));
        var out = new ByteArrayOutputStream();
        try {
            new PdfRendererBuilder().useFastMode().withW3cDocument(document, null).toStream(out).run();
        } catch (IOException e) {
            throw new UncheckedIOException("the PDF could not be written", e);
        }
        return out.toByteArray();
    }
}
