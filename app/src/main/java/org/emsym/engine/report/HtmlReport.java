package org.emsym.engine.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.emsym.engine.util.AtomicFiles;
import org.jfree.chart.JFreeChart;

/**
 * A self-contained HTML report: headings, text, tables and images embedded as base64 PNG, so the one file
 * can be mailed or archived. Build it section by section, then {@link #write(Path)} it atomically.
 */
public final class HtmlReport {

    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
        body.append("<h1>").append(escape(title)).append("</h1>\n");
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    public HtmlReport preformatted(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    public HtmlReport table(Table table) {
        body.append("<table>\n<tr>");
        for (String h : table.header()) {
            body.append("<th>").append(escape(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : table.rows()) {
            body.append("<tr>");
            for (String v : row) {
                body.append("<td>").append(escape(v)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    public HtmlReport image(BufferedImage image, String caption) {
        body.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png(image))).append("\"/><figcaption>")
                .append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    public HtmlReport chart(JFreeChart chart, int width, int height, String caption) {
        return image(Charts.render(chart, width, height), caption);
    }

    /** Several images side by side with one caption each. */
    public HtmlReport imageRow(List<BufferedImage> images, List<String> captions) {
        body.append("<div class=\"row\">\n");
        for (int i = 0; i < images.size(); i++) {
            image(images.get(i), captions.get(i));
        }
        body.append("</div>\n");
        return this;
    }

    public String toHtml() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:right}th{background:#eee}figure{display:inline-block;margin:.5em}"
                + "img{image-rendering:pixelated;max-width:100%}.row{display:flex;flex-wrap:wrap}"
                + "pre{background:#f6f6f6;padding:.5em}</style></head><body>\n"
                + body + "</body></html>\n";
    }

    /** Writes the report to a temp file beside {@code target}, then moves it into place. */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
