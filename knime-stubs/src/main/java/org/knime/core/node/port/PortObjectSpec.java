package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.internal.SerializerMethodLoader.Serializer;

/** Stand-in for KNIME's port object spec: what is known about a port's content before execution. */
public interface PortObjectSpec {

    /** Stand-in for KNIME's spec serializer, registered at extension point {@code org.knime.core.PortType}. */
    abstract class PortObjectSpecSerializer<T extends PortObjectSpec> implements Serializer<T> {

        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;

        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out)
            throws IOException;
    }

    JComponent[] getViews();
}
