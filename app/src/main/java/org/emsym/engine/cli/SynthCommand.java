package org.emsym.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.synth.SynthPreset;
import org.emsym.engine.synth.SyntheticEmGenerator;
import org.emsym.engine.synth.SyntheticStack;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym synth}: writes a synthetic EM stack and its membrane labels. */
@Command(name = "synth", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Generate a synthetic volume-EM stack with membrane labels (0 = cell, 255 = membrane).")
final class SynthCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-o", "--out"}, defaultValue = "out/synth/image.tif",
            description = "image target: .tif stack, .h5 file (dataset /data) or folder of PNG sections")
    private Path out;

    @Option(names = "--labels-out", defaultValue = "out/synth/membranes.tif",
            description = "membrane label target (same kinds as --out)")
    private Path labelsOut;

    @Option(names = "--preset", defaultValue = "SSTEM_ANISOTROPIC",
            description = "imaging preset: ${COMPLETION-CANDIDATES}")
    private SynthPreset preset;

    @Option(names = "--shape", defaultValue = "24x256x256", converter = ShapeConverter.class,
            description = "stack shape DEPTHxHEIGHTxWIDTH")
    private VolumeShape shape;

    @Option(names = "--seed", defaultValue = "0", description = "random seed")
    private long seed;

    /**
     * Bytes the generator holds per voxel: the float image and membrane volumes, the membrane copy written as
     * labels and the cell labels of the tessellation (4 bytes each); the whole stack is generated in memory.
     */
    static final long BYTES_PER_VOXEL = 16;

    /** Refuses, before any work, a shape whose generation cannot fit into this JVM's heap, saying by how much. */
    static void requireFits(VolumeShape shape, long maxHeapBytes) {
        // a section is one Java array; the whole need is computed in double, so no product can overflow
        boolean sectionTooLarge = (long) shape.height() * shape.width() > Integer.MAX_VALUE - 8;
        double need = (double) shape.depth() * shape.height() * shape.width() * BYTES_PER_VOXEL;
        if (sectionTooLarge || need > maxHeapBytes) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "--shape %s: generating it needs about %.1f GiB (%d bytes per voxel, the whole stack is held in"
                            + " memory), this JVM may use %.1f GiB; choose a smaller shape (at most about %d voxels)"
                            + " or raise the heap (EMSYM_JAVA_OPTS=-Xmx…)",
                    shape, need / (1L << 30), BYTES_PER_VOXEL, maxHeapBytes / (double) (1L << 30),
                    maxHeapBytes / BYTES_PER_VOXEL));
        }
    }

    @Override
    public Integer call() throws Exception {
        requireFits(shape, Runtime.getRuntime().maxMemory());
        OutputPaths.requireDistinct(labelsOut, "--labels-out", out, "--out");
        OutputPaths.requireWritableVolume(out, "--out", "/data", PixelType.UINT8);
        OutputPaths.requireWritableVolume(labelsOut, "--labels-out", "/data", PixelType.UINT8);
        SynthConfig config = SynthConfig.builder(preset).shape(shape).seed(seed).build();
        cli.progress().report(0, "generating " + shape);
        SyntheticStack stack = SyntheticEmGenerator.generate(config);
        float[][] membranes = stack.membranes().readSlab(0, shape.depth());
        for (float[] section : membranes) {
            for (int i = 0; i < section.length; i++) {
                section[i] = section[i] != 0 ? 255 : 0;
            }
        }
        for (Path target : new Path[] {out, labelsOut}) {
            java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
        }
        VolumeWriters.write(stack.image(), out, "/data");
        VolumeWriters.write(new ArrayVolume(shape, PixelType.UINT8, config.voxelSize(), membranes, "synthetic membranes"),
                labelsOut, "/data");
        cli.progress().report(1, "written");
        cli.out().println("wrote " + out + " (" + shape + ", " + preset + ", seed " + seed + ") and " + labelsOut);
        return EmsymCli.OK;
    }
}
