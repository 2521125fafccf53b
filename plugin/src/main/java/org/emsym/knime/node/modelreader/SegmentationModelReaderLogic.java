package org.emsym.knime.node.modelreader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.model.ModelBundle;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Reads a Segmentation Model from a {@link ModelBundle} folder written by the Segmentation Model Writer, or from a
 * bioimage.io model package (a folder with {@code rdf.yaml}/{@code bioimageio.yaml}, a {@code .zip}, or the
 * description file itself). A package that carries the EMSym bundle it was exported from
 * ({@link ModelPackage#emsymBundle()}, as EMSym's own export writes it) is read as that bundle, an ordinary EMSym
 * model every EMSym node accepts; any other package becomes a package-kind model. One method makes that choice for
 * configure and execute alike, so they cannot disagree. {@code configure} reads only the bundle's {@code model.json}
 * (a carried bundle's files are first checked against the description's checksums) or the package's description, so
 * downstream nodes see the model's spec before execution; {@code execute} copies the bundle and rebuilds the network
 * once to verify the parameter file, or copies the package and verifies its weights' checksum.
 */
final class SegmentationModelReaderLogic implements NodeLogic<SegmentationModelReaderParameters> {

    private static final String LABEL = SegmentationModelReaderParameters.TITLE_MODEL_FOLDER;

    /** A step that reads something from disk. */
    @FunctionalInterface
    private interface IoFunction<A, T> {
        T apply(A value) throws IOException;
    }

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        Path path = checkPath(settings);
        try {
            return new PortObjectSpec[] {read(path, folder -> SegmentationModelPortObjectSpec.of(
                    ModelBundle.readMetadata(folder)), SegmentationModelPortObject::specOf)};
        } catch (IOException e) {
            throw new InvalidSettingsException(LABEL + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationModelReaderParameters settings,
            Consumer<String> warning) throws Exception {
        Path path = checkPath(settings);
        exec.checkCanceled();
        exec.setMessage("Reading " + path.getFileName());
        SegmentationModelPortObject model;
        try {
            model = read(path, SegmentationModelPortObject::read, pkg -> SegmentationModelPortObject.readPackage(path));
        } catch (IOException e) {
            throw new IOException(LABEL + ": " + e.getMessage(), e);
        }
        exec.setProgress(1, "Read " + path);
        return new PortObject[] {model};
    }

    /**
     * The one decision of what {@code path} holds: a model bundle folder, a package carrying an EMSym bundle (read
     * as that bundle while the package is open, since a zip's unpacked copy goes when it closes), or a package
     * without one. Failures inside a zip name the zip rather than its unpacked copy.
     */
    private static <T> T read(Path path, IoFunction<Path, T> bundle, IoFunction<ModelPackage, T> otherPackage)
            throws IOException {
        if (!ModelPackage.isPackage(path)) {
            return bundle.apply(path);
        }
        try (ModelPackage pkg = ModelPackage.open(path)) {
            try {
                Optional<Path> carried = pkg.emsymBundle();
                return carried.isPresent() ? bundle.apply(carried.get()) : otherPackage.apply(pkg);
            } catch (IOException e) {
                if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
                    throw e;
                }
                throw new IOException(String.valueOf(e.getMessage()).replace(pkg.root().toString(), path + "!"), e);
            }
        }
    }

    /** A model bundle folder, or a package's folder, zip or description file. */
    private static Path checkPath(SegmentationModelReaderParameters settings) throws InvalidSettingsException {
        Path path = KnimePaths.resolve(settings.modelFolder, LABEL).toAbsolutePath().normalize();
        if (Files.isDirectory(path) || (Files.isRegularFile(path) && ModelPackage.isPackage(path))) {
            return path;
        }
        if (Files.isRegularFile(path)) {
            throw new InvalidSettingsException(LABEL + ": '" + path + "' is a file but neither a bioimage.io package"
                    + " (.zip) nor its description (rdf.yaml, bioimageio.yaml); give a model bundle folder or a"
                    + " package.");
        }
        throw new InvalidSettingsException(LABEL + ": '" + path + "' is not an existing folder or file.");
    }
}
