package org.emsym.knime.node.writer;

import org.emsym.knime.util.IfExists;
import org.emsym.knime.util.ZarrOutputParameters;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;
import org.knime.node.parameters.persistence.Persistor;

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
            + "<tt>.h5/.hdf5</tt> file, a <tt>.zarr</tt> OME-Zarr image (or <tt>image.zarr/labels/name</tt>, a label "
            + "image of an existing one), or a folder (a path without extension) for PNG sections. Its folder must "
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
            + "file is replaced); a section folder or an OME-Zarr image is only written when it is new or empty, so "
            + "no user files are ever deleted; a label image <tt>image.zarr/labels/name</tt> of that name is "
            + "replaced. Key: <tt>if_exists</tt>.")
    @Persist(configKey = CFG_IF_EXISTS)
    IfExists ifExists = IfExists.FAIL;

    /** Added with OME-Zarr support: workflows saved before load with the defaults. */
    @Persistor(ZarrOutputParameters.Persistor.class)
    @Migrate(loadDefaultIfAbsent = true)
    ZarrOutputParameters zarr = new ZarrOutputParameters();

    @Override
    public void validate() throws InvalidSettingsException {
        zarr.validate();
    }
}
