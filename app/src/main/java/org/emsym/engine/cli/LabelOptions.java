package org.emsym.engine.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import picocli.CommandLine.Option;

/**
 * The options that name binary labels (training labels or ground truth), shared by {@code train} and
 * {@code score} (a picocli mixin): the file, its HDF5 dataset, and which value is the scored (membrane) class.
 */
final class LabelOptions {

    @Option(names = {"-l", "--labels", "-t", "--truth"}, required = true,
            description = "binary labels / ground truth (0/1 or 0/255), same shape as the image")
    Path labels;

    @Option(names = {"--labels-dataset", "--truth-dataset"},
            description = "dataset path inside an HDF5 label file (default: its only dataset)")
    String dataset;

    @Option(names = "--positive-is-zero", description = "label 0 is the membrane (scored) class, as in ISBI 2012")
    boolean positiveIsZero;

    Volume open() throws IOException {
        return VolumeReaders.open(labels, dataset);
    }
}
