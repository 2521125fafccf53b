package org.emsym.knime.node.writer;

import org.emsym.knime.util.IfExists;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Volume Writer. Each is saved under the key the node has used since its first release, so
 * workflows saved before the move to {@link NodeParameters} load unchanged and their flow variables still apply.
 */
final class VolumeWriterParameters implements NodeParameters {

    static final String CFG_OUTPUT_PATH = "output_path";
    static final String CFG_DATASET = "hdf5_dataset";
    static final String CFG_IF_EXISTS = "if_exists";

    static final String TITLE_OUTPUT_PATH = "Output";
    static final String TITLE_DATASET = "HDF5 dataset";
    static final String TITLE_IF_EXISTS = "If output exists";

    @Widget(title = TITLE_OUTPUT_PATH, description = "Path of the output: a <tt>.tif/.tiff</tt> file, a "
            + "<tt>.h5/.hdf5</tt> file, or a folder (a path without extension) for PNG sections. Its folder must "
            + "exist. A path, a <tt>file:</tt> URL or a <tt>knime:</tt> URL. Key: "
            + "<tt>output_path</tt>.")
    @Persist(configKey = CFG_OUTPUT_PATH)
    String outputPath = "";

    @Widget(title = TITLE_DATASET, description = "Dataset path inside the HDF5 file, e.g. <tt>/raw</tt>; required "
            + "for HDF5 output, ignored otherwise. Key: <tt>hdf5_dataset</tt>.")
    @Persist(configKey = CFG_DATASET)
    String dataset = "/raw";

    @Widget(title = TITLE_IF_EXISTS, description = "<tt>FAIL</tt> (default): report an error and leave the "
            + "existing output untouched. <tt>OVERWRITE</tt>: replace an existing file atomically (a whole HDF5 "
            + "file is replaced); a section folder is only written when it is new or empty, so no user files are "
            + "ever deleted. Key: <tt>if_exists</tt>.")
    @Persist(configKey = CFG_IF_EXISTS)
    IfExists ifExists = IfExists.FAIL;
}
