package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.internal.SerializerMethodLoader.Serializer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/** Stand-in for KNIME's port object: the data passed along a connection after execution. */
public interface PortObject {

    /** Stand-in for KNIME's object serializer, registered at extension point {@code org.knime.core.PortType}. */
    abstract class PortObjectSerializer<T extends PortObject> implements Serializer<T> {

        public abstract void savePortObject(T portObject, PortObjectZipOutputStream out, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;

        public abstract T loadPortObject(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
            throws IOException, CanceledExecutionException;
    }

    /** One line shown in the port's tooltip. */
    String getSummary();

    PortObjectSpec getSpec();

    JComponent[] getViews();
}
