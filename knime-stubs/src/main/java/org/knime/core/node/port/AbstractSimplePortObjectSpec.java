package org.knime.core.node.port;

import java.io.IOException;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.ModelContent;
import org.knime.core.node.ModelContentRO;
import org.knime.core.node.ModelContentWO;

/**
 * Stand-in for KNIME's base class of specs that save to and load from a {@link ModelContent} tree. Equality and
 * hash code compare the saved content. Subclasses need a public no-arg constructor.
 */
public abstract class AbstractSimplePortObjectSpec implements PortObjectSpec {

    /** Serializer for any {@link AbstractSimplePortObjectSpec}; subclasses only bind the type parameter. */
    public abstract static class AbstractSimplePortObjectSpecSerializer<T extends AbstractSimplePortObjectSpec>
        extends PortObjectSpecSerializer<T> {

        @Override
        public T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"content.xml".equals(entry.getName())) {
                throw new IOException("Expected zip entry content.xml, got " + (entry == null ? "none" : entry));
            }
            ModelContentRO model = ModelContent.loadFromXML(NonClosingStreams.of(in));
            try {
                @SuppressWarnings("unchecked")
                Class<T> cl = (Class<T>)Class.forName(model.getString("class_name"));
                T result = cl.getDeclaredConstructor().newInstance();
                result.load(model.getModelContent("model"));
                return result;
            } catch (InvalidSettingsException e) {
                throw new IOException("Unable to load port object spec: " + e.getMessage(), e);
            } catch (ReflectiveOperationException | ClassCastException e) {
                throw new IOException("Unable to instantiate port object spec: " + e.getMessage(), e);
            }
        }

        @Override
        public void savePortObjectSpec(final T spec, final PortObjectSpecZipOutputStream out) throws IOException {
            ModelContent model = new ModelContent("model.xml");
            model.addInt("version", 1);
            model.addString("class_name", spec.getClass().getName());
            spec.save(model.addModelContent("model"));
            out.putNextEntry(new ZipEntry("content.xml"));
            model.saveToXML(NonClosingStreams.of(out));
            out.closeEntry();
        }
    }

    public AbstractSimplePortObjectSpec() {
    }

    protected abstract void save(ModelContentWO model);

    protected abstract void load(ModelContentRO model) throws InvalidSettingsException;

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    @Override
    public boolean equals(final Object other) {
        if (other == this) {
            return true;
        }
        if (other == null || other.getClass() != getClass()) {
            return false;
        }
        ModelContent mine = new ModelContent("ignored");
        ModelContent theirs = new ModelContent("ignored");
        save(mine);
        ((AbstractSimplePortObjectSpec)other).save(theirs);
        return mine.equals(theirs);
    }

    @Override
    public int hashCode() {
        ModelContent mine = new ModelContent("ignored");
        save(mine);
        return mine.hashCode();
    }
}
