package org.knime.node.parameters.persistence;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in for KNIME's annotation naming the custom persistor of a parameter field. */
@Retention(RUNTIME)
@Target({TYPE, FIELD})
public @interface Persistor {

    @SuppressWarnings("rawtypes")
    Class<? extends NodeParametersPersistor> value();
}
