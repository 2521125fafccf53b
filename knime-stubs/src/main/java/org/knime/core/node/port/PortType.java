package org.knime.core.node.port;

import java.util.Objects;

/** Stand-in for KNIME's port type: a port object class plus whether the port is optional. */
public final class PortType {

    private final Class<? extends PortObject> m_objectClass;

    private final boolean m_optional;

    private final String m_name;

    PortType(final Class<? extends PortObject> objectClass, final boolean optional, final String name) {
        m_objectClass = Objects.requireNonNull(objectClass, "objectClass");
        m_optional = optional;
        m_name = name == null ? objectClass.getSimpleName() : name;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public String getName() {
        return m_name;
    }

    /** Whether an object of {@code cl} may be connected to a port of this type. */
    public boolean acceptsPortObjectClass(final Class<? extends PortObject> cl) {
        return m_objectClass.isAssignableFrom(cl);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PortType p && p.m_objectClass == m_objectClass && p.m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode() + (m_optional ? 1 : 0);
    }

    @Override
    public String toString() {
        return m_name + (m_optional ? " (optional)" : "");
    }
}
