package org.emsym.knime.util;

import java.util.LinkedHashMap;
import java.util.Map;

import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.volume.io.ZarrWriter;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * How a node writes an OME-Zarr output: chunk shape, compressor, Zarr format (v2 / NGFF 0.4 or v3 / NGFF 0.5) and
 * scale levels. One settings model per value under its own key ({@code zarr_*}), so each can be set by a flow
 * variable; nodes add {@link #models()} to their settings and {@link #addedLater()} to theirs (workflows saved
 * before OME-Zarr support get the defaults).
 */
public final class ZarrOutputSettings {

    public static final String CFG_CHUNK_Z = "zarr_chunk_z";
    public static final String CFG_CHUNK_Y = "zarr_chunk_y";
    public static final String CFG_CHUNK_X = "zarr_chunk_x";
    public static final String CFG_COMPRESSOR = "zarr_compressor";
    public static final String CFG_FORMAT = "zarr_format";
    public static final String CFG_LEVELS = "zarr_levels";

    public static final String LABEL_CHUNKS = "OME-Zarr chunk shape (z, y, x)";
    public static final String LABEL_COMPRESSOR = "OME-Zarr compressor";
    public static final String LABEL_FORMAT = "OME-Zarr format";
    public static final String LABEL_LEVELS = "OME-Zarr scale levels";

    /** Choices of the compressor selection (blosc is not offered: no JVM library for it on Maven Central). */
    public static final String[] COMPRESSORS = {"zlib", "gzip", "zstd", "raw"};
    /** Choices of the format selection. */
    public static final String[] FORMATS = {"2", "3"};

    public final SettingsModelIntegerBounded chunkZ = new SettingsModelIntegerBounded(CFG_CHUNK_Z, 16, 1, 1 << 16);
    public final SettingsModelIntegerBounded chunkY = new SettingsModelIntegerBounded(CFG_CHUNK_Y, 256, 1, 1 << 16);
    public final SettingsModelIntegerBounded chunkX = new SettingsModelIntegerBounded(CFG_CHUNK_X, 256, 1, 1 << 16);
    public final SettingsModelString compressor = new SettingsModelString(CFG_COMPRESSOR, "zlib");
    public final SettingsModelString format = new SettingsModelString(CFG_FORMAT, "2");
    public final SettingsModelIntegerBounded levels = new SettingsModelIntegerBounded(CFG_LEVELS, 3, 1, 30);

    /** The models, in dialog order. */
    public SettingsModel[] models() {
        return new SettingsModel[] {chunkZ, chunkY, chunkX, compressor, format, levels};
    }

    /** Every model by key, for {@link SettingsGroup#addedLater()}. */
    public Map<String, SettingsModel> addedLater() {
        Map<String, SettingsModel> m = new LinkedHashMap<>();
        m.put(CFG_CHUNK_Z, chunkZ);
        m.put(CFG_CHUNK_Y, chunkY);
        m.put(CFG_CHUNK_X, chunkX);
        m.put(CFG_COMPRESSOR, compressor);
        m.put(CFG_FORMAT, format);
        m.put(CFG_LEVELS, levels);
        return m;
    }

    /** Enables or disables every model (e.g. only while the output is OME-Zarr). */
    public void setEnabled(boolean enabled) {
        for (SettingsModel m : models()) {
            m.setEnabled(enabled);
        }
    }

    /**
     * The writer these settings describe, reporting to {@code progress} and asking {@code cancellation}.
     *
     * @throws InvalidSettingsException naming the setting at fault
     */
    public ZarrWriter writer(ProgressSink progress, Cancellation cancellation) throws InvalidSettingsException {
        ZarrArray.Codec codec;
        try {
            codec = ZarrArray.Codec.parse(compressor.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_COMPRESSOR + ": " + e.getMessage());
        }
        ZarrFormat zarrFormat;
        try {
            zarrFormat = ZarrFormat.parse(format.getStringValue());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidSettingsException(LABEL_FORMAT + ": " + e.getMessage());
        }
        try {
            return ZarrWriter.builder().setChunks(chunkZ.getIntValue(), chunkY.getIntValue(), chunkX.getIntValue())
                    .optCompressor(codec).optFormat(zarrFormat).optLevels(levels.getIntValue()).optProgress(progress)
                    .optCancellation(cancellation).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(LABEL_COMPRESSOR + " / " + LABEL_FORMAT + ": " + e.getMessage());
        }
    }
}
