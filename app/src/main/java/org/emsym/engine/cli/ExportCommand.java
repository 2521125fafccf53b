package org.emsym.engine.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.emsym.engine.interop.bioimageio.PackageExporter;
import org.emsym.engine.interop.onnx.OnnxExporter;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.io.VolumeReaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym export}: a model bundle as a bioimage.io package (folder or .zip) or as a plain ONNX file. */
@Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Export a model bundle for other tools: a bioimage.io model package (Fiji/deepImageJ, ilastik,"
            + " BiaPy, QuPath, Icy) or an ONNX file (probabilities out, dynamic batch/height/width)."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    /** What {@code --format} writes. */
    enum Format { bioimageio, onnx }

    @Option(names = "--format", defaultValue = "bioimageio", description = "${COMPLETION-CANDIDATES}")
    private Format format;

    @Option(names = {"-m", "--model"}, required = true, description = "model bundle folder (from train or pipeline)")
    private Path model;

    @Option(names = {"-o", "--out"}, required = true,
            description = "bioimageio: a new or empty folder, or a .zip; onnx: an .onnx file")
    private Path out;

    @Option(names = "--overwrite", description = "replace an existing .zip or .onnx file")
    private boolean overwrite;

    @Option(names = "--name", description = "package name, 5 to 128 characters (default: EMSym U-Net <encoder> k=<k>)")
    private String name;

    @Option(names = "--author", description = "an author, 'name[;affiliation[;orcid]]' (repeatable)")
    private List<String> authors = new ArrayList<>();

    @Option(names = "--license", defaultValue = "CC-BY-4.0", description = "SPDX licence identifier")
    private String license;

    @Option(names = "--cite", description = "a reference, 'text;doi-or-url' (repeatable; the paper, the data)")
    private List<String> cite = new ArrayList<>();

    @Option(names = "--training-data", description = "one sentence on the training data, for the documentation")
    private String trainingData;

    @Option(names = "--input-type", defaultValue = "UINT8",
            description = "pixel type of the raw input the model was trained on (fixes TYPE_MAX's gain): ${COMPLETION-CANDIDATES}")
    private PixelType inputType;

    @Option(names = "--test-image", description = "stack whose centre window becomes the test input (default: synthetic)")
    private Path testImage;

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireDistinct(out, "--out", model, "--model");
        String file = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (format == Format.onnx && !file.endsWith(".onnx")) {
            throw new IllegalArgumentException("--out " + out + ": --format onnx writes a .onnx file");
        }
        boolean isFile = format == Format.onnx || file.endsWith(".zip");
        if (isFile && Files.exists(out) && !overwrite) {
            throw new IllegalArgumentException("--out " + out + " exists; give --overwrite to replace it");
        }
        PackageExporter.Builder b = PackageExporter.builder().optLicense(license).optInputPixelType(inputType);
        if (format == Format.bioimageio) {
            if (name != null) {
                b.optName(name);
            }
            List<PackageExporter.Author> list = new ArrayList<>();
            for (String a : authors) {
                list.add(PackageExporter.Author.parse(a));
            }
            b.optAuthors(list);
            List<PackageExporter.Citation> refs = new ArrayList<>();
            for (String c : cite) {
                String[] p = c.split(";", 2);
                refs.add(PackageExporter.Citation.of(p[0], p.length > 1 ? p[1] : null));
            }
            b.optCite(refs);
            if (trainingData != null) {
                b.optTrainingData(trainingData);
            }
            if (testImage != null) {
                b.optTestImage(VolumeReaders.open(testImage, null));
            }
        }
        PackageExporter exporter = b.build();
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            ModelBundle bundle = ModelBundle.load(model, manager);
            if (format == Format.onnx) {
                OnnxExporter.builder().build().write(bundle.network(), out);
                cli.out().println("wrote ONNX model " + out + " (input x: N x " + bundle.metadata().inChannels()
                        + " x H x W, output y: probabilities)");
            } else {
                exporter.write(bundle, out);
                cli.out().println("wrote bioimage.io package " + out + " (" + exporter.name(bundle.metadata())
                        + ", format " + PackageExporter.FORMAT_VERSION + ", ONNX weights)");
            }
        }
        return EmsymCli.OK;
    }
}
