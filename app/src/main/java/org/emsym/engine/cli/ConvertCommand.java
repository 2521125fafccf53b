package org.emsym.engine.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeFormat;
import org.emsym.engine.volume.io.VolumeWriters;
import org.emsym.engine.volume.io.ZarrWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym convert}: rewrites a stack in another format, e.g. TIFF/PNG/HDF5 into OME-Zarr, with progress. */
@Command(name = "convert", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Convert a stack between formats: .tif, section folder, .h5 and OME-Zarr (.zarr).",
            "A .zarr output is an OME-NGFF image with a downsampled pyramid, written chunk by chunk; an output",
            "<image>.zarr/labels/<name> becomes a label image of that existing OME-Zarr image."})
final class ConvertCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Mixin
    private ImageOptions input;

    @Option(names = {"-o", "--out"}, required = true, description = "target: .zarr, .tif, .h5 or PNG section folder")
    private Path out;

    @Option(names = "--out-dataset", defaultValue = "/data", description = "dataset inside an .h5 --out")
    private String outDataset;

    @Mixin
    private ZarrOutputOptions zarr = new ZarrOutputOptions();

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireDistinct(out, "--out", input.image, "--input");
        boolean zarrOut = VolumeFormat.detect(out) == VolumeFormat.ZARR;
        if (!zarrOut && zarr.changed()) {
            throw new IllegalArgumentException("--chunks, --compressor, --compression-level, --zarr-format and --levels"
                    + " apply to a .zarr --out; " + out + " is not one");
        }
        Volume volume = input.openAsStored();
        if (zarrOut) {
            ZarrWriter writer = zarr.writer(cli.progress(), cli.cancellation());
            Path image = ZarrWriter.labelImageOf(out);
            if (image != null) {
                writer.writeLabels(volume, image, out.getFileName().toString());
            } else {
                writer.write(volume, out);
            }
        } else {
            VolumeWriters.write(volume, out, outDataset, cli.progress(), cli.cancellation());
        }
        cli.out().println("converted " + volume.source() + " (" + volume.shape() + ", " + volume.pixelType() + ", voxel "
                + volume.voxelSize().z() + " x " + volume.voxelSize().y() + " x " + volume.voxelSize().x() + " "
                + volume.voxelSize().unit() + ") to " + out);
        return EmsymCli.OK;
    }
}
