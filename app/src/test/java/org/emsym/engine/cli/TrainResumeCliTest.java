package org.emsym.engine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.emsym.engine.model.NsfwjsTestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume} resumes only the model its checkpoint holds; a new run does not overwrite checkpoints. */
class TrainResumeCliTest {

    @TempDir
    Path dir;

    /** Trains a tiny model; {@code extra} options replace the defaults of the same name. */
    private CliRun train(Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--weights", NsfwjsTestModel.modelJson().toString(),
                "--image", dir.resolve("image.tif").toString(), "--labels", dir.resolve("labels.tif").toString(),
                "--steps", "1", "--patch", "64", "-o", out.toString()));
        String[][] defaults = {{"--epochs", "1"}, {"--batch", "2"}, {"--decoder", "16,16,16,8,8"}};
        for (String[] d : defaults) {
            if (List.of(extra).stream().noneMatch(d[0]::equals)) {
                args.addAll(List.of(d));
            }
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path trained() throws Exception {
        assertEquals(EmsymCli.OK, CliRun.of("synth", "--shape", "8x64x64", "--out", dir.resolve("image.tif").toString(),
                "--labels-out", dir.resolve("labels.tif").toString()).exitCode());
        Path bundle = dir.resolve("model");
        CliRun first = train(bundle);
        assertEquals(EmsymCli.OK, first.exitCode(), first::toString);
        return bundle;
    }

    @Test
    void resumeIntoAnotherModelIsRefusedNamingOnlyTheFieldsThatDiffer() throws Exception {
        Path bundle = trained();
        Path last = dir.resolve("model.checkpoints").resolve("last.ckpt");
        byte[] params = Files.readAllBytes(bundle.resolve("model.params"));
        byte[] checkpoint = Files.readAllBytes(last);

        CliRun decoder = train(bundle, "--resume", "--overwrite", "--epochs", "2", "--decoder", "32,16,16,8,8");
        assertEquals(EmsymCli.BAD_INPUT, decoder.exitCode(), decoder::toString);
        assertTrue(decoder.err().contains("decoder: checkpoint 16,16,16,8,8, requested 32,16,16,8,8")
                && decoder.err().contains(last.toString()), decoder::toString);
        assertFalse(decoder.err().contains("batchSize") || decoder.err().contains("strategy:")
                || decoder.err().contains("Exception"), decoder::toString);

        CliRun kAndStrategy = train(bundle, "--resume", "--overwrite", "--epochs", "2", "-k", "2", "-s", "none");
        assertEquals(EmsymCli.BAD_INPUT, kAndStrategy.exitCode(), kAndStrategy::toString);
        assertTrue(kAndStrategy.err().contains("k: checkpoint 1, requested 2")
                && kAndStrategy.err().contains("strategy: checkpoint uniform, requested none"), kAndStrategy::toString);
        assertFalse(kAndStrategy.err().contains("decoder:") || kAndStrategy.err().contains("Exception"),
                kAndStrategy::toString);

        CliRun settings = train(bundle, "--resume", "--overwrite", "--epochs", "2", "--batch", "3");
        assertEquals(EmsymCli.BAD_INPUT, settings.exitCode(), settings::toString);
        assertTrue(settings.err().contains("batchSize: checkpoint 2, requested 3"), settings::toString);
        assertFalse(settings.err().contains("learningRate") || settings.err().contains("seed="), settings::toString);

        assertArrayEquals(params, Files.readAllBytes(bundle.resolve("model.params")));
        assertArrayEquals(checkpoint, Files.readAllBytes(last));

        CliRun same = train(bundle, "--resume", "--overwrite", "--epochs", "2");
        assertEquals(EmsymCli.OK, same.exitCode(), same::toString);
    }

    @Test
    void aNewRunOnAFolderHoldingCheckpointsIsRefusedUnlessAsked() throws Exception {
        trained();
        Path folder = dir.resolve("model.checkpoints");
        byte[] checkpoint = Files.readAllBytes(folder.resolve("last.ckpt"));
        Path other = dir.resolve("other");
        CliRun run = train(other, "--checkpoints", folder.toString());
        assertEquals(EmsymCli.BAD_INPUT, run.exitCode(), run::toString);
        assertTrue(run.err().contains(folder.toString()) && run.err().contains("--resume")
                && run.err().contains("--overwrite"), run::toString);
        assertFalse(Files.exists(other), run::toString);
        assertArrayEquals(checkpoint, Files.readAllBytes(folder.resolve("last.ckpt")));

        CliRun overwrite = train(other, "--checkpoints", folder.toString(), "--overwrite", "--seed", "7");
        assertEquals(EmsymCli.OK, overwrite.exitCode(), overwrite::toString);
    }
}
