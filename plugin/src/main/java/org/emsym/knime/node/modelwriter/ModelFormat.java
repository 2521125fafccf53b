package org.emsym.knime.node.modelwriter;

/** What the Segmentation Model Writer writes; a parameter saved by constant name. */
enum ModelFormat {
    /** EMSym's model bundle folder (model.json, model.params), which the Segmentation Model Reader reads back. */
    EMSYM_BUNDLE,
    /** A bioimage.io model package (format 0.5.x, ONNX weights), as a folder or a .zip, for other bioimage tools. */
    BIOIMAGEIO;
}
