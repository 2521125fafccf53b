package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;

/** Stand-in for KNIME's model content: a settings tree used to persist port objects and specs. */
public final class ModelContent extends Config implements ModelContentRO, ModelContentWO {

    public ModelContent(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new ModelContent(key);
    }

    /** Reads model content written by {@link #saveToXML(java.io.OutputStream)}; closes the stream. */
    public static ModelContentRO loadFromXML(final InputStream in) throws IOException {
        return (ModelContentRO)Config.loadFromXML(new ModelContent("ignored"), in);
    }

    @Override
    public ModelContentWO addModelContent(final String key) {
        return (ModelContent)super.addConfig(key);
    }

    @Override
    public ModelContent getModelContent(final String key) throws InvalidSettingsException {
        return (ModelContent)super.getConfig(key);
    }
}
