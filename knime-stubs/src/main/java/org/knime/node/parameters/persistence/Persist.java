package org.knime.node.parameters.persistence;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Stand-in for KNIME's annotation of the key a parameter field is saved under (default: the field's name). */
@Retention(RUNTIME)
@Target(FIELD)
public @interface Persist {

    String configKey() default "";

    boolean hidden() default false;
}
