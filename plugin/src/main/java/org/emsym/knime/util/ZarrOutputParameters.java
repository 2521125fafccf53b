package org.emsym.knime.util;

import java.util.Locale;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.volume.io.ZarrWriter;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.node.parameters.persistence.NodeParametersPersistor;

/**
 * How a node writes an OME-Zarr output: chunk shape, compressor, Zarr format (v2 / NGFF 0.4 or v3 / NGFF 0.5) and
 * scale levels; a group of widgets the Volume Writer and the Segmentation Predictor share. {@link Persistor} saves
 * each value flat under its own key ({@code zarr_*}, as the nodes did before NodeParameters), so each can be set by a
 * flow variable; nodes mark the field {@code @Migrate(loadDefaultIfAbsent = true)} (workflows saved before OME-Zarr
 * support get the defaults).
 */
public final class ZarrOutputParameters implements WidgetGroup {

    public static final String CFG_CHUNK_Z = "zarr_chunk_z";
    public static final String CFG_CHUNK_Y = "zarr_chunk_y";
    public static final String CFG_CHUNK_X = "zarr_chunk_x";
    public static final String CFG_COMPRESSOR = "zarr_compressor";
    public static final String CFG_FORMAT = "zarr_format";
    public static final String CFG_LEVELS = "zarr_levels";

    public static final String TITLE_CHUNK_Z = "OME-Zarr chunk depth (z)";
    public static final String TITLE_CHUNK_Y = "OME-Zarr chunk height (y)";
    public static final String TITLE_CHUNK_X = "OME-Zarr chunk width (x)";
    public static final String TITLE_COMPRESSOR = "OME-Zarr compressor";
    public static final String TITLE_FORMAT = "OME-Zarr format";
    public static final String TITLE_LEVELS = "OME-Zarr scale levels";

    private static final int MAX_CHUNK = 1 << 16;
    private static final int MAX_LEVELS = 30;

    @Widget(title = TITLE_CHUNK_Z, description = "Only for OME-Zarr outputs: sections per chunk, 1 to 65536 "
            + "(default 16; clipped to the depth). Key: <tt>zarr_chunk_z</tt>.")
    int chunkZ = 16;

    @Widget(title = TITLE_CHUNK_Y, description = "Only for OME-Zarr outputs: rows per chunk, 1 to 65536 (default "
            + "256). Key: <tt>zarr_chunk_y</tt>.")
    int chunkY = 256;

    @Widget(title = TITLE_CHUNK_X, description = "Only for OME-Zarr outputs: columns per chunk, 1 to 65536 "
            + "(default 256). Key: <tt>zarr_chunk_x</tt>.")
    int chunkX = 256;

    @Widget(title = TITLE_COMPRESSOR, description = "Only for OME-Zarr outputs: <tt>ZLIB</tt> (default), "
            + "<tt>GZIP</tt>, <tt>ZSTD</tt> or <tt>RAW</tt> (none); zlib exists in Zarr v2 only. Blosc is not "
            + "available (no JVM library for it on Maven Central). Key: <tt>zarr_compressor</tt> (saved in lower "
            + "case, e.g. <tt>zlib</tt>).")
    ZarrArray.Codec compressor = ZarrArray.Codec.ZLIB;

    @Widget(title = TITLE_FORMAT, description = "Only for OME-Zarr outputs: <tt>V2</tt> (Zarr v2, OME-NGFF 0.4; "
            + "default, read by most tools) or <tt>V3</tt> (Zarr v3, OME-NGFF 0.5). A label image takes its image's "
            + "format. Key: <tt>zarr_format</tt> (saved as <tt>2</tt> or <tt>3</tt>).")
    ZarrFormat format = ZarrFormat.V2;

    @Widget(title = TITLE_LEVELS, description = "Only for OME-Zarr outputs: number of levels including the full "
            + "resolution, 1 to 30 (default 3; each further level halves y and x); fewer are written when y or x "
            + "would drop below one voxel. Key: <tt>zarr_levels</tt>.")
    int levels = 3;

    /** Checks the bounds; messages name the setting. */
    public void validate() throws InvalidSettingsException {
        check(TITLE_CHUNK_Z, chunkZ, MAX_CHUNK);
        check(TITLE_CHUNK_Y, chunkY, MAX_CHUNK);
        check(TITLE_CHUNK_X, chunkX, MAX_CHUNK);
        check(TITLE_LEVELS, levels, MAX_LEVELS);
    }

    private static void check(String title, int value, int max) throws InvalidSettingsException {
        if (value < 1 || value > max) {
            throw new InvalidSettingsException(title + ": " + value + " is outside 1 to " + max);
        }
    }

    /**
     * The writer these parameters describe, reporting to {@code progress} and asking {@code cancellation}.
     *
     * @throws InvalidSettingsException naming the setting at fault
     */
    public ZarrWriter writer(ProgressSink progress, Cancellation cancellation) throws InvalidSettingsException {
        validate();
        try {
            return ZarrWriter.builder().setChunks(chunkZ, chunkY, chunkX).optCompressor(compressor).optFormat(format)
                    .optLevels(levels).optProgress(progress).optCancellation(cancellation).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(TITLE_COMPRESSOR + " / " + TITLE_FORMAT + ": " + e.getMessage());
        }
    }

    /** Saves the group flat, each value under its {@code zarr_*} key, in the forms the nodes saved them before. */
    public static final class Persistor implements NodeParametersPersistor<ZarrOutputParameters> {

        @Override
        public ZarrOutputParameters load(NodeSettingsRO settings) throws InvalidSettingsException {
            ZarrOutputParameters p = new ZarrOutputParameters();
            p.chunkZ = settings.getInt(CFG_CHUNK_Z);
            p.chunkY = settings.getInt(CFG_CHUNK_Y);
            p.chunkX = settings.getInt(CFG_CHUNK_X);
            String codec = settings.getString(CFG_COMPRESSOR);
            try {
                p.compressor = ZarrArray.Codec.parse(codec);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidSettingsException(TITLE_COMPRESSOR + ": " + e.getMessage(), e);
            }
            String format = settings.getString(CFG_FORMAT);
            try {
                p.format = ZarrFormat.parse(format);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidSettingsException(TITLE_FORMAT + ": " + e.getMessage(), e);
            }
            p.levels = settings.getInt(CFG_LEVELS);
            return p;
        }

        @Override
        public void save(ZarrOutputParameters p, NodeSettingsWO settings) {
            settings.addInt(CFG_CHUNK_Z, p.chunkZ);
            settings.addInt(CFG_CHUNK_Y, p.chunkY);
            settings.addInt(CFG_CHUNK_X, p.chunkX);
            settings.addString(CFG_COMPRESSOR, p.compressor.name().toLowerCase(Locale.ROOT));
            settings.addString(CFG_FORMAT, p.format == ZarrFormat.V3 ? "3" : "2");
            settings.addInt(CFG_LEVELS, p.levels);
        }

        @Override
        public String[][] getConfigPaths() {
            return new String[][] {{CFG_CHUNK_Z}, {CFG_CHUNK_Y}, {CFG_CHUNK_X}, {CFG_COMPRESSOR}, {CFG_FORMAT},
                {CFG_LEVELS}};
        }
    }
}
