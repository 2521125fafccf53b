package org.emsym.engine.synth;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.VoxelSize;

/**
 * Test access to the real ISBI 2012 sections in the shared folder: system property
 * {@code emsym.shared} if set, else {@code ../shared} beside the repository root. Reads PNGs with
 * javax.imageio on purpose: this test must not depend on the engine's own readers.
 */
final class IsbiSections {

    private IsbiSections() {
    }

    /** The {@code data/isbi2012} folder, if present. */
    static Optional<Path> folder() {
        String property = System.getProperty("emsym.shared");
        Path shared = property != null ? Path.of(property) : repositoryRoot().map(r -> r.resolveSibling("shared")).orElse(null);
        if (shared == null) {
            return Optional.empty();
        }
        Path isbi = shared.resolve("data").resolve("isbi2012");
        return Files.isDirectory(isbi.resolve("image")) && Files.isDirectory(isbi.resolve("label"))
                ? Optional.of(isbi) : Optional.empty();
    }

    /** The image sections (z order = file name order) as one volume. */
    static ArrayVolume images(Path isbi) throws IOException {
        return read(isbi.resolve("image"), false);
    }

    /** The membrane masks: 1 where the label PNG is 0 (membrane), else 0. */
    static ArrayVolume membranes(Path isbi) throws IOException {
        return read(isbi.resolve("label"), true);
    }

    private static ArrayVolume read(Path dir, boolean membraneMask) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        }
        List<float[]> sections = new ArrayList<>();
        int height = -1;
        int width = -1;
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            if (image == null) {
                throw new IOException("not a readable PNG: " + f);
            }
            Raster r = image.getRaster();
            if (height < 0) {
                height = r.getHeight();
                width = r.getWidth();
            } else if (r.getHeight() != height || r.getWidth() != width) {
                throw new IOException(f + " is " + r.getWidth() + "x" + r.getHeight() + ", expected " + width + "x" + height);
            }
            float[] values = r.getSamples(0, 0, width, height, 0, new float[width * height]);
            if (membraneMask) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] == 0 ? 1 : 0;
                }
            }
            sections.add(values);
        }
        if (sections.isEmpty()) {
            throw new IOException("no PNG sections in " + dir);
        }
        return new ArrayVolume(new VolumeShape(sections.size(), height, width), PixelType.UINT8,
                VoxelSize.nm(50, 4, 4), sections.toArray(new float[0][]), dir.toString());
    }

    private static Optional<Path> repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (new File(p.toFile(), ".git").exists()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
