package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.NamedParameters;
import org.emsym.engine.model.NsfwjsTestModel;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.model.UNet;
import org.emsym.engine.pretrained.PretrainedModels;
import org.emsym.engine.symmetry.SymmetrizationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same seed gives the same initial weights whichever entry point builds the model. */
class SameSeedSameModelTest {

    private static final int[] DECODER = {16, 16, 16, 8, 8};

    @TempDir
    Path dir;

    private static List<float[]> values(UNet net) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            out.add(NamedParameters.read(p.getKey(), p.getValue()).values());
        }
        return out;
    }

    @Test
    void theCommandLineBundleEqualsTheEngineBuildWithTheSameSeed() throws Exception {
        Path weightsFile = NsfwjsTestModel.modelJson();
        Path bundle = dir.resolve("bundle");
        CliRun sym = CliRun.of("symmetrize", "--weights", weightsFile.toString(), "--strategy", "uniform",
                "--size", "64", "--decoder", "16,16,16,8,8", "--seed", "7", "--out", bundle.toString());
        assertEquals(EmsymCli.OK, sym.exitCode(), sym::toString);
        PretrainedWeights weights = PretrainedModels.read(weightsFile);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<float[]> seven = values(PretrainedModels.build(manager, "mobilenet_v2", 1, DECODER, weights,
                    SymmetrizationStrategy.UNIFORM, 7).network());
            List<float[]> cli = values(ModelBundle.load(bundle, manager).network());
            assertEquals(seven.size(), cli.size());
            for (int i = 0; i < seven.size(); i++) {
                assertArrayEquals(seven.get(i), cli.get(i), 0f, "parameter " + i);
            }
            List<float[]> other = values(PretrainedModels.build(manager, "mobilenet_v2", 1, DECODER, weights,
                    SymmetrizationStrategy.UNIFORM, 8).network());
            boolean differs = false;
            for (int i = 0; i < seven.size() && !differs; i++) {
                differs = !java.util.Arrays.equals(seven.get(i), other.get(i));
            }
            assertTrue(differs, "another seed gives another decoder");
        }
    }
}
