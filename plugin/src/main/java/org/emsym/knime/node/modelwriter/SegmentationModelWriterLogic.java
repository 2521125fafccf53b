package org.emsym.knime.node.modelwriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.emsym.engine.interop.bioimageio.ModelPackage;
import org.emsym.engine.interop.bioimageio.PackageExporter;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelScope;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.knime.util.IfExists;
import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.SegmentationModelPortObjectSpec;
import org.emsym.knime.util.KnimePaths;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Writes a Segmentation Model as a {@link ModelBundle} folder ({@code model.json}, {@code model.params} and, for a
 * model made from pretrained weights, the pretrained first-convolution kernel), which the Segmentation Model Reader
 * reads back, or as a bioimage.io model package (folder or {@code .zip}) with the engine's {@link PackageExporter}.
 * A package-kind model (a bioimage.io package from the Reader) is written as the package it was read.
 * Either is assembled in a hidden temporary beside the output and moved into place only when complete, so a failed
 * run leaves no partial output.
 */
final class SegmentationModelWriterLogic implements NodeLogic<SegmentationModelWriterParameters> {

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationModelWriterParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        if (!(inSpecs[0] instanceof SegmentationModelPortObjectSpec spec)) {
            throw new InvalidSettingsException("Input: expected a Segmentation Model, got "
                    + (inSpecs[0] == null ? "nothing" : inSpecs[0].getClass().getSimpleName()));
        }
        if (spec.isPackage()) {
            if (settings.format != ModelFormat.BIOIMAGEIO) {
                throw new InvalidSettingsException(SegmentationModelWriterParameters.TITLE_FORMAT + ": the input '"
                        + spec.getEncoder() + "' is a bioimage.io package; " + ModelFormat.EMSYM_BUNDLE + " needs an"
                        + " EMSym model. Choose " + ModelFormat.BIOIMAGEIO + " to write the package as it was read.");
            }
            warning.accept("The input is a bioimage.io package: it is written as it was read; the package name,"
                    + " description, authors, licence, citation and training data settings are not used.");
        }
        checkTarget(settings);
        if (settings.format == ModelFormat.BIOIMAGEIO && !spec.isPackage()) {
            exporter(settings);
        }
        return new PortObjectSpec[0];
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationModelWriterParameters settings,
            Consumer<String> warning) throws Exception {
        SegmentationModelPortObject model = (SegmentationModelPortObject) inObjects[0];
        Path target = checkTarget(settings);
        exec.checkCanceled();
        exec.setMessage("Writing " + target.getFileName());
        if (model.isPackage()) {
            model.writePackage(target);
        } else if (settings.format == ModelFormat.BIOIMAGEIO) {
            writePackage(model, target, exporter(settings));
        } else {
            model.writeBundle(target);
        }
        exec.setProgress(1, "Wrote " + target);
        return new PortObject[0];
    }

    /**
     * Exports the model as a package. A {@code .zip} is replaced by the exporter in one move; a folder is filled in
     * a temporary beside it that replaces it (an earlier package or an empty folder, as checked) in one move.
     */
    private static void writePackage(SegmentationModelPortObject model, Path target, PackageExporter exporter)
            throws IOException {
        try (ModelScope scope = ModelScope.cpu()) {
            ModelBundle bundle = model.loadBundle(scope);
            if (isZip(target)) {
                exporter.write(bundle, target);
                return;
            }
            try (AtomicTarget t = AtomicTarget.replacingFolder(target)) {
                exporter.write(bundle, t.temp());
                t.commit();
            }
        }
    }

    /** The package exporter the settings describe; every message names the setting at fault. */
    private static PackageExporter exporter(SegmentationModelWriterParameters s) throws InvalidSettingsException {
        PackageExporter.Builder b = PackageExporter.builder();
        String field = SegmentationModelWriterParameters.TITLE_NAME;
        try {
            if (!s.packageName.isBlank()) {
                b.optName(s.packageName.trim());
            }
            if (!s.packageDescription.isBlank()) {
                b.optDescription(s.packageDescription.trim());
            }
            field = SegmentationModelWriterParameters.TITLE_AUTHORS;
            List<PackageExporter.Author> authors = new ArrayList<>();
            for (String a : s.authors.split("\\|")) {
                if (!a.isBlank()) {
                    authors.add(PackageExporter.Author.parse(a));
                }
            }
            b.optAuthors(authors);
            field = SegmentationModelWriterParameters.TITLE_LICENSE;
            b.optLicense(s.license.trim());
            field = SegmentationModelWriterParameters.TITLE_CITE_TEXT;
            if (!s.citeText.isBlank()) {
                field = SegmentationModelWriterParameters.TITLE_CITE_DOI;
                b.optCite(List.of(PackageExporter.Citation.of(s.citeText, s.citeDoi)));
            } else if (!s.citeDoi.isBlank()) {
                throw new IllegalArgumentException("a DOI or URL is given but no citation text");
            }
            if (!s.trainingData.isBlank()) {
                b.optTrainingData(s.trainingData.trim());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(field + ": " + e.getMessage(), e);
        }
        return b.build();
    }

    private static boolean isZip(Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** Checks the output setting against the file system; every message names the setting at fault. */
    private static Path checkTarget(SegmentationModelWriterParameters settings)
            throws InvalidSettingsException {
        String label = SegmentationModelWriterParameters.TITLE_OUTPUT_FOLDER;
        Path path = KnimePaths.resolve(settings.outputFolder, label).toAbsolutePath().normalize();
        if (path.getParent() == null || !Files.isDirectory(path.getParent())) {
            throw new InvalidSettingsException(label + ": folder '" + path.getParent() + "' does not exist.");
        }
        boolean bioimageio = settings.format == ModelFormat.BIOIMAGEIO;
        if (!bioimageio && isZip(path)) {
            throw new InvalidSettingsException(label + ": '" + path + "' names a .zip, but "
                    + SegmentationModelWriterParameters.TITLE_FORMAT + " EMSYM_BUNDLE writes a folder; choose "
                    + "BIOIMAGEIO to write a zipped package.");
        }
        if (!Files.exists(path)) {
            return path;
        }
        if (settings.ifExists == IfExists.FAIL) {
            throw new InvalidSettingsException(label + ": '" + path + "' exists; set '"
                    + SegmentationModelWriterParameters.TITLE_IF_EXISTS + "' to OVERWRITE to replace it.");
        }
        if (bioimageio && isZip(path)) {
            if (!Files.isRegularFile(path)) {
                throw new InvalidSettingsException(label + ": '" + path + "' is a folder, not a .zip file.");
            }
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new InvalidSettingsException(label + ": '" + path + "' is a file, not a folder.");
        }
        // never delete a user's files: only an earlier output of the same format or an empty folder is replaced
        boolean earlier = bioimageio ? isPackageFolder(path) : Files.isRegularFile(path.resolve(ModelBundle.METADATA_FILE));
        if (!earlier && !isEmpty(path, label)) {
            throw new InvalidSettingsException(label + ": folder '" + path + "' is neither empty nor " + (bioimageio
                    ? "a bioimage.io package (no " + PackageExporter.DESCRIPTION + ")"
                    : "a model bundle (no " + ModelBundle.METADATA_FILE + ")") + "; choose a new or empty folder.");
        }
        return path;
    }

    private static boolean isPackageFolder(Path folder) {
        return !Files.exists(folder.resolve(ModelBundle.METADATA_FILE))
                && ModelPackage.DESCRIPTION_NAMES.stream().anyMatch(n -> Files.isRegularFile(folder.resolve(n)));
    }

    private static boolean isEmpty(Path folder, String label) throws InvalidSettingsException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new InvalidSettingsException(label + ": cannot list '" + folder + "': " + e.getMessage(), e);
        }
    }
}
