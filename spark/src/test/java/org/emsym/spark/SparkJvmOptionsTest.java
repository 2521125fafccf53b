package org.emsym.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkJvmOptionsTest {

    @Test
    void theFilteredOptionsOpenJavaLangAndAreTheOnesThisTestJvmRunsWith() {
        List<String> options = SparkJvmOptions.list();
        assertTrue(options.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), options.toString());
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertTrue(running.containsAll(options), "surefire's argLine carries the same list: " + running);
    }
}
