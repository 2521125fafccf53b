package org.emsym.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Window;
import org.emsym.engine.window.WindowSpec;
import org.emsym.engine.window.WindowingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym window}: shows how a stack is cut into 2.5D windows, and writes one window. */
@Command(name = "window", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Show the 2.5D windows (2k+1 sections each) of a stack; optionally write one window as a stack.")
final class WindowCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-i", "--image"}, required = true, description = "image stack: .tif, section folder or .h5")
    private Path image;

    @Option(names = "--dataset", description = "dataset path inside an HDF5 image, e.g. /raw")
    private String dataset;

    @Option(names = {"-k", "--context"}, defaultValue = "1", description = "sections on each side of the centre")
    private int k;

    @Option(names = "--boundary", defaultValue = "REFLECT", description = "completion at the stack ends: ${COMPLETION-CANDIDATES}")
    private BoundaryMode boundary;

    @Option(names = "--centre", defaultValue = "-1", description = "centre section of the window to write (-1: middle)")
    private int centre;

    @Option(names = {"-o", "--out"}, description = "write the window's 2k+1 sections to this stack (.tif, .h5, folder)")
    private Path out;

    @Override
    public Integer call() throws Exception {
        Volume volume = VolumeReaders.open(image, dataset);
        WindowSpec spec = new WindowSpec(k, boundary);
        WindowingSummary summary = WindowingSummary.of(volume, spec);
        cli.out().print(summary.toText());
        if (out != null) {
            StackWindower windower = new StackWindower(volume, spec);
            int z = centre >= 0 ? centre : volume.shape().depth() / 2;
            if (!windower.isCentre(z)) {
                throw new IllegalArgumentException("--centre " + z + " has no window in " + image + " " + volume.shape()
                        + " with " + spec);
            }
            Window w = windower.window(z);
            VolumeWriters.write(new ArrayVolume(new VolumeShape(w.channelCount(), w.height(), w.width()),
                    volume.pixelType() == PixelType.FLOAT32 ? PixelType.FLOAT32 : volume.pixelType(), volume.voxelSize(),
                    w.channels(), "window " + z + " of " + image), out, "/data");
            cli.out().println("wrote window centred on section " + z + " (" + w.channelCount() + " sections) to " + out);
        }
        return EmsymCli.OK;
    }
}
