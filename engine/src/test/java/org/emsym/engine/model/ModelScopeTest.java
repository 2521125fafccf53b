package org.emsym.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ModelScopeTest {

    @Test
    void freesWhatWasMadeInItWhenClosed() {
        NDManager manager;
        NDArray array;
        try (ModelScope scope = ModelScope.cpu()) {
            manager = scope.manager();
            array = manager.ones(new ai.djl.ndarray.types.Shape(4, 4));
            assertEquals(Device.cpu(), scope.device());
            assertTrue(manager.isOpen());
            assertEquals(16f, array.sum().getFloat(), 0f);
        }
        assertFalse(manager.isOpen(), "the scope's manager is closed with it");
        assertTrue(array.isReleased(), "arrays made in the scope are released with it");
    }

    @Test
    void refusesADeviceTheEngineDoesNotHaveNamingIt() {
        int gpus = Engine.getInstance().getGpuCount();
        String device = "gpu:" + (gpus + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelScope.open(DeviceSpec.parse(device)));
        assertTrue(e.getMessage().contains(device), e.getMessage());
    }
}
