package org.emsym.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Spark's task resources to DJL devices (no GPU needed: the mapping is pure). */
class TaskDevicesTest {

    @Test
    void aTaskWithoutGpusRunsOnTheCpuAndAnAssignedGpuBecomesThatDevice() {
        assertEquals(Device.cpu(), TaskDevices.of(Map.of(), 0));
        assertEquals(Device.cpu(), TaskDevices.of((Map<String, ResourceInformation>) null, 2));
        assertEquals(Device.cpu(), TaskDevices.of(Map.of("gpu", new ResourceInformation("gpu", new String[0])), 2));
        assertEquals(Device.gpu(1), TaskDevices.of(Map.of("gpu", new ResourceInformation("gpu", new String[] {"1"})),
                2));
    }

    @Test
    void aGpuTheEngineCannotUseFailsNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskDevices.of(
                Map.of("gpu", new ResourceInformation("gpu", new String[] {"0"})), 0));
        assertTrue(e.getMessage().contains("GPU 0") && e.getMessage().contains("CPU-only"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> TaskDevices.of(
                Map.of("gpu", new ResourceInformation("gpu", new String[] {"gpu-a"})), 1));
        assertTrue(e.getMessage().contains("gpu-a"), e.getMessage());
    }
}
