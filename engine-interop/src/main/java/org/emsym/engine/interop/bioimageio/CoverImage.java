package org.emsym.engine.interop.bioimageio;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The package's cover (2:1, as bioimage.io shows covers): on the left the centre section of the test input in grey,
 * on the right the same with the model's test output probability as a red overlay; optional caption lines (the
 * attribution shares) along the bottom.
 */
final class CoverImage {

    private static final int MIN_PANEL = 256;

    private CoverImage() {
    }

    /**
     * @param section the centre input section, {@code size * size} values (any range; shown min..max)
     * @param probability {@code size * size} values in [0, 1]
     */
    static byte[] png(float[] section, float[] probability, int size, List<String> caption) {
        int scale = Math.max(1, (MIN_PANEL + size - 1) / size);
        int panel = size * scale;
        BufferedImage img = new BufferedImage(2 * panel, panel, BufferedImage.TYPE_INT_RGB);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : section) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float spread = hi > lo ? hi - lo : 1f;
        for (int y = 0; y < panel; y++) {
            for (int x = 0; x < panel; x++) {
                int i = (y / scale) * size + x / scale;
                int g = Math.round(255 * (section[i] - lo) / spread);
                double p = Math.max(0, Math.min(1, probability[i])) * 0.6;
                int r = (int) Math.round(g * (1 - p) + 255 * p);
                int gb = (int) Math.round(g * (1 - p));
                img.setRGB(x, y, g << 16 | g << 8 | g);
                img.setRGB(panel + x, y, r << 16 | gb << 8 | gb);
            }
        }
        if (!caption.isEmpty()) {
            Graphics2D graphics = img.createGraphics();
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, panel / 24)));
            int line = graphics.getFontMetrics().getHeight();
            graphics.setColor(new Color(0, 0, 0, 160));
            graphics.fillRect(0, panel - line * caption.size() - 6, 2 * panel, line * caption.size() + 6);
            graphics.setColor(Color.WHITE);
            for (int i = 0; i < caption.size(); i++) {
                graphics.drawString(caption.get(i), 6, panel - line * (caption.size() - 1 - i) - 6);
            }
            graphics.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
