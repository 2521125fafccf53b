package org.emsym.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.emsym.engine.attribution.AsymmetrySummary;
import org.emsym.engine.attribution.ChannelShares;
import org.emsym.engine.model.NamedTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    @Test
    void tableRendersCsvAndMarkdown() {
        Table t = new Table("variant", "dice").add("none", 0.81).add("uniform, k=1", "0.83");
        assertEquals("variant,dice\nnone,0.81\n\"uniform, k=1\",0.83\n", t.toCsv());
        assertTrue(t.toMarkdown().startsWith("| variant | dice |\n| --- | --- |\n| none | 0.81 |"));
    }

    @Test
    void reportEmbedsChartsAsDecodablePng(@TempDir Path dir) throws Exception {
        Map<String, AsymmetrySummary> variants = new LinkedHashMap<>();
        variants.put("none", AsymmetrySummary.of(List.of(ChannelShares.fromTotals(new double[] {5, 3, 2}),
                ChannelShares.fromTotals(new double[] {6, 3, 1})), 1));
        variants.put("uniform", AsymmetrySummary.of(List.of(ChannelShares.fromTotals(new double[] {3, 4, 3}),
                ChannelShares.fromTotals(new double[] {3.2, 4, 2.8})), 1));
        HtmlReport report = new HtmlReport("EMSym <test>")
                .heading("Shares")
                .chart(Charts.shareBars("shares", variants), 400, 300, "per-section shares")
                .chart(Charts.curves("loss", "loss", Map.of("train", new double[] {1, 0.5, Double.NaN, 0.3})),
                        400, 300, "loss")
                .table(new Table("a").add("<b>"));
        Path out = dir.resolve("report.html");
        report.write(out);
        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(html.contains("EMSym &lt;test&gt;"));
        assertTrue(html.contains("<td>&lt;b&gt;</td>"));
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
        int images = 0;
        while (m.find()) {
            BufferedImage img = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertEquals(400, img.getWidth());
            images++;
        }
        assertEquals(2, images);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temp file may remain");
        }
    }

    @Test
    void kernelGridShowsSignsInOneColourScale() {
        // 1 filter, 2 channels, 1x1: +1 and -0.5
        NamedTensor k = new NamedTensor("conv", new long[] {1, 2, 1, 1}, new float[] {1f, -0.5f});
        BufferedImage img = Images.kernelGrid(k, 16, 4);
        assertEquals(2 * (4 + 2) + 2, img.getWidth());
        assertEquals(0xFF0000, img.getRGB(2, 2) & 0xFFFFFF, "positive maximum is full red");
        int negative = img.getRGB(2 + 6, 2) & 0xFFFFFF;
        assertEquals(0x8080FF, negative, "-0.5 of the shared maximum is half-saturated blue");
    }

    @Test
    void overlayTintsProbableFieldsRed() {
        float[] section = {0, 100, 200, 255};
        BufferedImage img = Images.overlay(section, new float[] {0, 0, 1, 0}, 2, 2);
        int plain = img.getRGB(1, 0) & 0xFFFFFF;
        assertEquals((plain >> 16) & 0xFF, plain & 0xFF, "no probability: gray");
        int tinted = img.getRGB(0, 1) & 0xFFFFFF;
        // probability 1 mixes half red into the gray value: red rises, blue falls
        assertTrue(((tinted >> 16) & 0xFF) > (tinted & 0xFF) + 100, "probability 1: red tint");
    }
}
