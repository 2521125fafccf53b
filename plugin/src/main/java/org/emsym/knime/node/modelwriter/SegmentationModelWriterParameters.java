package org.emsym.knime.node.modelwriter;

import org.emsym.knime.util.IfExists;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.migration.Migrate;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Segmentation Model Writer, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply). The format and the bioimage.io package settings came
 * later: workflows saved without them load with their defaults (an EMSym bundle, as before).
 */
final class SegmentationModelWriterParameters implements NodeParameters {

    static final String CFG_OUTPUT_FOLDER = "output_folder";
    static final String CFG_IF_EXISTS = "if_exists";
    static final String CFG_FORMAT = "format";
    static final String CFG_NAME = "package_name";
    static final String CFG_DESCRIPTION = "package_description";
    static final String CFG_AUTHORS = "package_authors";
    static final String CFG_LICENSE = "package_license";
    static final String CFG_CITE_TEXT = "package_cite_text";
    static final String CFG_CITE_DOI = "package_cite_doi";
    static final String CFG_TRAINING_DATA = "package_training_data";

    static final String TITLE_OUTPUT_FOLDER = "Output folder";
    static final String TITLE_IF_EXISTS = "If output exists";
    static final String TITLE_FORMAT = "Format";
    static final String TITLE_NAME = "Package name";
    static final String TITLE_DESCRIPTION = "Package description";
    static final String TITLE_AUTHORS = "Authors";
    static final String TITLE_LICENSE = "Licence";
    static final String TITLE_CITE_TEXT = "Citation";
    static final String TITLE_CITE_DOI = "Citation DOI or URL";
    static final String TITLE_TRAINING_DATA = "Training data";

    @Widget(title = TITLE_OUTPUT_FOLDER, description = "Where to write: for an EMSym model bundle, the bundle folder; "
            + "for a bioimage.io package, its folder or a <tt>.zip</tt> file. The parent folder must exist. A path, "
            + "a <tt>file:</tt> URL or a <tt>knime:</tt> URL. Key: <tt>output_folder</tt>.")
    @Persist(configKey = CFG_OUTPUT_FOLDER)
    String outputFolder = "";

    @Widget(title = TITLE_IF_EXISTS, description = "<tt>FAIL</tt> (default): report an error and leave the "
            + "existing output untouched. <tt>OVERWRITE</tt>: replace, atomically, an earlier model bundle (a folder "
            + "with <tt>model.json</tt>), an earlier bioimage.io package (a folder with <tt>rdf.yaml</tt>, or a "
            + "<tt>.zip</tt> file) or an empty folder; any other folder is refused, so no user files are ever "
            + "deleted. Key: <tt>if_exists</tt>.")
    @Persist(configKey = CFG_IF_EXISTS)
    IfExists ifExists = IfExists.FAIL;

    @Widget(title = TITLE_FORMAT, description = "<tt>EMSYM_BUNDLE</tt> (default): EMSym's model bundle, read back "
            + "by the Segmentation Model Reader with everything EMSym knows of the model. <tt>BIOIMAGEIO</tt>: a "
            + "bioimage.io model package (format 0.5.x) for Fiji/deepImageJ, ilastik, BiaPy, QuPath or Icy: "
            + "<tt>rdf.yaml</tt>, ONNX weights (batch norms folded), test input and output computed by the model, "
            + "a cover image and <tt>documentation.md</tt>, with the settings below. Key: <tt>format</tt>.")
    @Persist(configKey = CFG_FORMAT)
    @Migrate(loadDefaultIfAbsent = true)
    ModelFormat format = ModelFormat.EMSYM_BUNDLE;

    @Widget(title = TITLE_NAME, description = "bioimage.io only: the package's name, 5 to 128 characters; empty for "
            + "\"EMSym U-Net &lt;encoder&gt; k=&lt;k&gt;\". Key: <tt>package_name</tt>.")
    @Persist(configKey = CFG_NAME)
    @Migrate(loadDefaultIfAbsent = true)
    String packageName = "";

    @Widget(title = TITLE_DESCRIPTION, description = "bioimage.io only: one or two sentences on what the model "
            + "segments; empty for a description of the architecture and training. Key: "
            + "<tt>package_description</tt>.")
    @Persist(configKey = CFG_DESCRIPTION)
    @Migrate(loadDefaultIfAbsent = true)
    String packageDescription = "";

    @Widget(title = TITLE_AUTHORS, description = "bioimage.io only: the authors, separated by <tt>|</tt>, each as "
            + "<tt>name[;affiliation[;orcid]]</tt>, e.g. <tt>Ada Lovelace;Univ. X;0000-0002-1825-0097 | Alan "
            + "Turing</tt>; empty for none. Key: <tt>package_authors</tt>.")
    @Persist(configKey = CFG_AUTHORS)
    @Migrate(loadDefaultIfAbsent = true)
    String authors = "";

    @Widget(title = TITLE_LICENSE, description = "bioimage.io only: the licence as an SPDX identifier. Default "
            + "<tt>CC-BY-4.0</tt>, bioimage.io's usual licence for models. Key: <tt>package_license</tt>.")
    @Persist(configKey = CFG_LICENSE)
    @Migrate(loadDefaultIfAbsent = true)
    String license = "CC-BY-4.0";

    @Widget(title = TITLE_CITE_TEXT, description = "bioimage.io only: a reference to cite besides the architecture's "
            + "(your paper, the data set); empty for none. Key: <tt>package_cite_text</tt>.")
    @Persist(configKey = CFG_CITE_TEXT)
    @Migrate(loadDefaultIfAbsent = true)
    String citeText = "";

    @Widget(title = TITLE_CITE_DOI, description = "bioimage.io only: the citation's DOI (e.g. "
            + "<tt>10.1371/journal.pbio.1000502</tt>) or URL. Key: <tt>package_cite_doi</tt>.")
    @Persist(configKey = CFG_CITE_DOI)
    @Migrate(loadDefaultIfAbsent = true)
    String citeDoi = "";

    @Widget(title = TITLE_TRAINING_DATA, description = "bioimage.io only: a sentence on the training data, for the "
            + "documentation; empty for none. Key: <tt>package_training_data</tt>.")
    @Persist(configKey = CFG_TRAINING_DATA)
    @Migrate(loadDefaultIfAbsent = true)
    String trainingData = "";
}
