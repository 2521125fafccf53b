package org.emsym.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

/** Minimizes f(w) = (w - 3)^2 from w = 1 with lr 0.1, weight decay 0.01, betas 0.9/0.999. */
class AdamOptimizerTest {

    private static float[] minimize(NDManager m, OptimizerType type, AdamOptimizer optimizer, NDArray w, int steps) {
        float[] trace = new float[steps];
        for (int i = 0; i < steps; i++) {
            try (NDManager scope = m.newSubManager()) {
                scope.tempAttachAll(w);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(w.sub(3).square().sum());
                }
                NDArray g = w.getGradient();
                g.attach(scope);
                optimizer.update("w", w, g, 0.1, true);
                g.subi(g);
            }
            trace[i] = w.getFloat();
        }
        return trace;
    }

    @Test
    void adamWMatchesHandComputedSteps() {
        // step 1: g=-4, m=-0.4, v=0.016, m^=-4, v^=16 -> w = 1*(1-0.001) + 0.1*4/4 = 1.099
        // step 2: g=-3.802, m=-0.7402, v=0.0304392, m^=-3.89579, v^=15.2272 -> w = 1.099*0.999 + 0.09984 = 1.19774
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                AdamOptimizer adam = new AdamOptimizer(m, OptimizerType.ADAMW, 0.01)) {
            NDArray w = m.create(new float[] {1f});
            w.setRequiresGradient(true);
            float[] trace = minimize(m, OptimizerType.ADAMW, adam, w, 2);
            assertEquals(1.099, trace[0], 1e-6);
            assertEquals(1.19774, trace[1], 1e-5);
            assertEquals(2, adam.steps("w"));
        }
    }

    @Test
    void adamAddsDecayToTheGradient() {
        // step 1: g = -4 + 0.01*1 = -3.99 -> normalized step 0.1 -> w = 1.1 (decay inside the moments)
        // step 2: g = 2*(1.1-3) + 0.011 = -3.789, m=-0.74010, v=0.03029... -> w = 1.19983
        try (NDManager m = NDManager.newBaseManager("PyTorch");
                AdamOptimizer adam = new AdamOptimizer(m, OptimizerType.ADAM, 0.01)) {
            NDArray w = m.create(new float[] {1f});
            w.setRequiresGradient(true);
            float[] trace = minimize(m, OptimizerType.ADAM, adam, w, 2);
            assertEquals(1.1, trace[0], 1e-6);
            assertEquals(1.19983, trace[1], 1e-5);
        }
    }

    @Test
    void savedStateContinuesExactly() throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] straight;
            try (AdamOptimizer adam = new AdamOptimizer(m, OptimizerType.ADAMW, 0.01)) {
                NDArray w = m.create(new float[] {1f});
                w.setRequiresGradient(true);
                straight = minimize(m, OptimizerType.ADAMW, adam, w, 4);
            }
            byte[] saved;
            float afterTwo;
            try (AdamOptimizer adam = new AdamOptimizer(m, OptimizerType.ADAMW, 0.01)) {
                NDArray w = m.create(new float[] {1f});
                w.setRequiresGradient(true);
                afterTwo = minimize(m, OptimizerType.ADAMW, adam, w, 2)[1];
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                adam.save(new DataOutputStream(bytes));
                saved = bytes.toByteArray();
            }
            try (AdamOptimizer adam = new AdamOptimizer(m, OptimizerType.ADAMW, 0.01)) {
                adam.load(new DataInputStream(new ByteArrayInputStream(saved)));
                assertEquals(2, adam.steps("w"));
                NDArray w = m.create(new float[] {afterTwo});
                w.setRequiresGradient(true);
                float[] resumed = minimize(m, OptimizerType.ADAMW, adam, w, 2);
                assertEquals(straight[2], resumed[0], 0f);
                assertEquals(straight[3], resumed[1], 0f);
            }
        }
    }
}
