package org.emsym.engine.predict;

/** How connected components of the thresholded mask are found for the instance label output. */
public enum ComponentMode {
    /** 2-D components per section, edge neighbours; labels stay unique across sections. */
    SECTIONS_4,
    /** 2-D components per section, edge and corner neighbours. */
    SECTIONS_8,
    /** 3-D components with face neighbours (6-connectivity) across sections. */
    VOLUME_6
}
