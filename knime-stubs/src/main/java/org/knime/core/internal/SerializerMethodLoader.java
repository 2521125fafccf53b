package org.knime.core.internal;

/** Stand-in for KNIME's loader of port serializers; the stand-in has only the nested marker interface. */
public final class SerializerMethodLoader {

    private SerializerMethodLoader() {
    }

    /**
     * Stand-in for KNIME's marker interface of serializers.
     *
     * @param <T> the type serialized
     */
    public static interface Serializer<T> {
    }
}
