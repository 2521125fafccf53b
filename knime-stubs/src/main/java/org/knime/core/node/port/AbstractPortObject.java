package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;

/**
 * Stand-in for KNIME's base class of port objects that persist themselves to a zip stream. Subclasses need a
 * public no-arg constructor and a serializer class extending {@link AbstractPortObjectSerializer}.
 */
public abstract class AbstractPortObject implements PortObject {

    /**
     * Serializer for any {@link AbstractPortObject}: writes a {@code meta.xml} entry naming the class, then lets
     * the object write its own entries. Subclasses only bind the type parameter.
     */
    public abstract static class AbstractPortObjectSerializer<T extends AbstractPortObject>
        extends PortObjectSerializer<T> {

        @Override
        public T loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"meta.xml".equals(entry.getName())) {
                throw new IOException("Expected meta.xml file in stream, got " + (entry == null ? "none" : entry));
            }
            ModelContentRO meta = ModelContent.loadFromXML(NonClosingStreams.of(in));
            T result;
            try {
                @SuppressWarnings("unchecked")
                Class<T> cl = (Class<T>)Class.forName(meta.getString("class_name"));
                result = cl.getDeclaredConstructor().newInstance();
            } catch (InvalidSettingsException | ReflectiveOperationException | ClassCastException e) {
                throw new IOException("Unable to instantiate port object: " + e.getMessage(), e);
            }
            result.load(in, spec, exec);
            return result;
        }

        @Override
        public void savePortObject(final T portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            out.putNextEntry(new ZipEntry("meta.xml"));
            ModelContent meta = new ModelContent("meta.xml");
            meta.addInt("version", 1);
            meta.addString("class_name", portObject.getClass().getName());
            meta.saveToXML(NonClosingStreams.of(out));
            out.closeEntry();
            portObject.save(out, exec);
        }
    }

    public AbstractPortObject() {
    }

    protected abstract void save(PortObjectZipOutputStream out, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;

    protected abstract void load(PortObjectZipInputStream in, PortObjectSpec spec, ExecutionMonitor exec)
        throws IOException, CanceledExecutionException;
}
