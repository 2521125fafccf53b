package org.knime.node.parameters.migration;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Stand-in for KNIME's simple field migration: {@code loadDefaultIfAbsent} marks a field added after the node's
 * first release, so settings saved before it load with the field's default instead of failing.
 */
@Retention(RUNTIME)
@Target(FIELD)
public @interface Migrate {

    boolean loadDefaultIfAbsent() default false;
}
