package org.emsym.engine.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.emsym.engine.synth.SynthConfig;
import org.emsym.engine.synth.SyntheticEmGenerator;
import org.emsym.engine.synth.SyntheticStack;
import org.emsym.engine.volume.SectionRange;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;

/**
 * The stack a reproduction trains and evaluates on: an image, its binary labels, which label value is the
 * positive (membrane) class, and the evaluation sections {@code [evaluationStart, evaluationEnd)}, which lie at the
 * end (or the start) of the stack. Training sees only the other sections ({@link #trainingStack()}), whose last
 * {@link #validationSections()} are held out to validate on: to pick the best epoch and the threshold, so that
 * nothing is chosen on the evaluation sections.
 *
 * @param description short human-readable name of the data, for the report
 */
public record ReproductionData(Volume image, Volume labels, boolean positiveIsZero, int evaluationStart,
        int evaluationEnd, String description) {

    public ReproductionData {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(labels, "labels");
        if (!image.shape().equals(labels.shape())) {
            throw new IllegalArgumentException("labels " + labels.source() + " have shape " + labels.shape()
                    + " but the image " + image.source() + " has shape " + image.shape());
        }
        int depth = image.shape().depth();
        if (evaluationStart < 0 || evaluationEnd > depth || evaluationStart >= evaluationEnd) {
            throw new IllegalArgumentException("evaluation sections [" + evaluationStart + ", " + evaluationEnd
                    + ") do not lie in the " + depth + " sections of " + image.source());
        }
    }

    /**
     * The sections training may read: those before the evaluation sections (or after them, when the evaluation
     * sections come first), as a view.
     */
    public TrainingStack trainingStack() {
        int depth = image.shape().depth();
        boolean before = evaluationStart > 0 || evaluationEnd == depth;
        int start = before ? 0 : evaluationEnd;
        int end = before ? evaluationStart : depth;
        if (end - start < 2 || (evaluationStart > 0 && evaluationEnd < depth)) {
            throw new IllegalArgumentException("evaluation sections [" + evaluationStart + ", " + evaluationEnd
                    + ") of " + image.source() + " must lie at the start or end of the stack and leave at least 2"
                    + " sections to train and validate on");
        }
        int validation = validationSections(end - start);
        return new TrainingStack(SectionRange.of(image, start, end), SectionRange.of(labels, start, end),
                end - start - validation, end - start);
    }

    /** Sections held out for validation out of {@code trainingDepth}: 15 %, at least 1 (ISBI 2012: 2 of 15). */
    public static int validationSections(int trainingDepth) {
        return Math.max(1, (int) Math.round(trainingDepth * 0.15));
    }

    /**
     * The sections training reads, renumbered from 0, and the validation sections {@code [validationStart,
     * validationEnd)} among them.
     */
    public record TrainingStack(Volume image, Volume labels, int validationStart, int validationEnd) {
    }

    /**
     * The ISBI 2012 training stack as the project's shared folder holds it ({@code image/NN.png},
     * {@code label/NN.png}, label 0 = membrane): training on sections 0-14 (13-14 held out for validation),
     * evaluation on 15-19.
     *
     * @param folder the {@code data/isbi2012} folder
     */
    public static ReproductionData isbi2012(Path folder) throws IOException {
        Path image = folder.resolve("image");
        Path label = folder.resolve("label");
        if (!Files.isDirectory(image) || !Files.isDirectory(label)) {
            throw new IllegalArgumentException("ISBI 2012 folder " + folder + " must hold image/ and label/");
        }
        Volume img = VolumeReaders.open(image);
        Volume lab = VolumeReaders.open(label);
        int depth = img.shape().depth();
        if (depth < 20) {
            throw new IllegalArgumentException("ISBI 2012 folder " + folder + " holds " + depth
                    + " sections, expected 20");
        }
        return new ReproductionData(img, lab, true, 15, 20, "ISBI 2012 (" + folder + "), train 0-12, validate 13-14, evaluate 15-19");
    }

    /**
     * A generated EM-like stack (membranes positive); the last quarter of the sections (at least one) is
     * evaluated on.
     */
    public static ReproductionData synthetic(SynthConfig config) {
        SyntheticStack stack = SyntheticEmGenerator.generate(config);
        int depth = config.shape().depth();
        int evaluation = Math.max(1, depth / 4);
        return new ReproductionData(stack.image(), stack.membranes(), false, depth - evaluation, depth,
                "synthetic EM " + config.shape() + " (seed " + config.seed() + "), evaluate sections "
                        + (depth - evaluation) + "-" + (depth - 1));
    }
}
