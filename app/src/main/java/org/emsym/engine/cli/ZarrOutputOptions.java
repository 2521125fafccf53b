package org.emsym.engine.cli;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.volume.io.ZarrWriter;
import picocli.CommandLine.Option;

/** The options of an OME-Zarr output ({@code --chunks}, {@code --compressor}, {@code --zarr-format}, {@code --levels}). */
final class ZarrOutputOptions {

    @Option(names = "--chunks", defaultValue = "16x256x256",
            description = "OME-Zarr chunk shape DEPTHxHEIGHTxWIDTH (depth clipped to the stack's)")
    String chunks;

    @Option(names = "--compressor", defaultValue = "zlib",
            description = "OME-Zarr compressor: raw, gzip, zlib (Zarr v2 only) or zstd; blosc is not supported")
    String compressor;

    @Option(names = "--compression-level", defaultValue = "-1",
            description = "compressor level (-1: 5 for gzip/zlib, 3 for zstd)")
    int compressionLevel;

    @Option(names = "--zarr-format", defaultValue = "2",
            description = "2 (Zarr v2, OME-NGFF 0.4) or 3 (Zarr v3, OME-NGFF 0.5)")
    String zarrFormat;

    @Option(names = "--levels", defaultValue = "3",
            description = "OME-Zarr scale levels including full resolution (y and x halved per level)")
    int levels;

    /** Whether any of these options was changed from its default. */
    boolean changed() {
        return !"16x256x256".equals(chunks) || !"zlib".equals(compressor) || compressionLevel != -1
                || !"2".equals(zarrFormat) || levels != 3;
    }

    /**
     * The writer these options describe.
     *
     * @throws IllegalArgumentException naming the option at fault
     */
    ZarrWriter writer(ProgressSink progress, Cancellation cancellation) {
        int[] c = ShapeConverter.sizes(chunks, "--chunks");
        ZarrArray.Codec codec;
        ZarrFormat format;
        try {
            codec = ZarrArray.Codec.parse(compressor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compressor: " + e.getMessage());
        }
        try {
            format = ZarrFormat.parse(zarrFormat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--zarr-format: " + e.getMessage());
        }
        if (levels < 1) {
            throw new IllegalArgumentException("--levels must be at least 1, got " + levels);
        }
        try {
            ZarrWriter.Builder b = ZarrWriter.builder().setChunks(c[0], c[1], c[2]).optCompressor(codec)
                    .optFormat(format).optLevels(levels).optProgress(progress).optCancellation(cancellation);
            if (compressionLevel >= 0) {
                b.optCompressionLevel(compressionLevel);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--compressor " + compressor + " --zarr-format " + zarrFormat + ": "
                    + e.getMessage());
        }
    }
}
