package org.knime.core.data.convert.map;

/** Stand-in for KNIME's interface of types with an identifier; the stand-in declares none of its members. */
public interface IdentifiableType {
}
