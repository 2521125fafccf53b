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

    @Override
    public Integer call() throws Exception {
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
        cli.progress().report(1, "done");
        cli.out().println("wrote " + out + " (" + shape + ", " + preset + ", seed " + seed + ") and " + labelsOut);
        return EmsymCli.OK;
    }
}
