package org.emsym.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM options a Spark 4 driver or executor needs on Java 17 ({@code --add-opens} of the JDK packages
 * Spark reaches into), as {@code spark-submit} adds them. One list, kept in this module's pom
 * ({@code spark.jvm.options}) and filtered into the resource {@code org/emsym/spark/jvm.options}, for
 * whatever starts a Spark JVM without {@code spark-submit}: the {@code emsym-spark} launcher script, the
 * tests (surefire's argLine), the benchmark's child JVMs.
 */
public final class SparkJvmOptions {

    private SparkJvmOptions() {
    }

    public static List<String> list() {
        try (InputStream in = SparkJvmOptions.class.getResourceAsStream("jvm.options")) {
            if (in == null) {
                throw new IllegalStateException("resource org/emsym/spark/jvm.options missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || text.contains("${")) {
                throw new IllegalStateException("org/emsym/spark/jvm.options was not filtered by the build: " + text);
            }
            return Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
