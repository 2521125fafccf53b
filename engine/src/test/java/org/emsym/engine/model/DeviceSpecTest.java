package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class DeviceSpecTest {

    @Test
    void resolvesAutoCpuAndGpu() {
        assertEquals(Device.cpu(), DeviceSpec.AUTO.resolve(0));
        assertEquals(Device.gpu(0), DeviceSpec.AUTO.resolve(2));
        assertEquals(Device.cpu(), DeviceSpec.parse(" CPU ").resolve(2));
        assertEquals(Device.gpu(1), DeviceSpec.parse("gpu:1").resolve(2));
    }

    @Test
    void plainGpuIsTheFirstGpu() {
        assertEquals("gpu:0", DeviceSpec.parse(" GPU ").text());
        assertEquals(Device.gpu(0), DeviceSpec.parse("gpu").resolve(1));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DeviceSpec.parse("gpu").resolve(0));
        assertTrue(none.getMessage().contains("GPU 0"), none.getMessage());
    }

    @Test
    void missingGpuIsAClearError() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> DeviceSpec.parse("gpu:0").resolve(0));
        assertTrue(none.getMessage().contains("0 GPU") && none.getMessage().contains("PYTORCH_LIBRARY_PATH"),
                none.getMessage());
        IllegalArgumentException tooHigh = assertThrows(IllegalArgumentException.class,
                () -> DeviceSpec.parse("gpu:3").resolve(2));
        assertTrue(tooHigh.getMessage().contains("gpu:0 to gpu:1"), tooHigh.getMessage());
    }

    @Test
    void badSyntaxIsRejected() {
        for (String bad : new String[] {"", "gpu:", "gpu:-1", "gpu:x", "cuda:0", "tpu"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceSpec.parse(bad));
            assertTrue(e.getMessage().contains("'auto', 'cpu', 'gpu' or 'gpu:N'"), e.getMessage());
        }
    }

    @Test
    void thisMachineResolvesAutoToTheCpuWhenNoGpuIsSeen() {
        Device device = DeviceSpec.AUTO.resolve();
        assertEquals(ai.djl.engine.Engine.getInstance().getGpuCount() > 0 ? Device.gpu(0) : Device.cpu(), device);
    }
}
