package org.emsym.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DJL's threads come from the task's cores unless the JVM was told otherwise. */
class ExecutorModelsTest {

    @Test
    void threadsAreTheTaskCpusUnlessAlreadySet() {
        String threads = System.getProperty(ExecutorModels.THREADS_PROPERTY);
        String interop = System.getProperty(ExecutorModels.INTEROP_PROPERTY);
        try {
            System.clearProperty(ExecutorModels.THREADS_PROPERTY);
            System.clearProperty(ExecutorModels.INTEROP_PROPERTY);
            ExecutorModels.configureThreads(3);
            assertEquals("3", System.getProperty(ExecutorModels.THREADS_PROPERTY));
            assertEquals("1", System.getProperty(ExecutorModels.INTEROP_PROPERTY));
            ExecutorModels.configureThreads(5); // a later task never changes what the first one (or -D) set
            assertEquals("3", System.getProperty(ExecutorModels.THREADS_PROPERTY));
        } finally {
            restore(ExecutorModels.THREADS_PROPERTY, threads);
            restore(ExecutorModels.INTEROP_PROPERTY, interop);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
