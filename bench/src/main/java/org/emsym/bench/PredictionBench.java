package org.emsym.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.OutputTarget;
import org.emsym.engine.predict.PredictionSummary;
import org.emsym.engine.predict.PredictionWriter;
import org.emsym.engine.predict.TileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.window.WindowSpec;

/**
 * Prediction benchmark (issue 4):
 * <ol>
 *   <li>time of a tiled whole-volume prediction with a ResNet-18 U-Net (k=1, 256 x 256 tiles, overlap 32,
 *       batch 4, Gaussian blending) against the bare forward passes over the same number of tiles of the
 *       same shape, measured alternately in this run (target ratio &lt;= 1.15);</li>
 *   <li>peak memory (resident set, and the largest live heap, sampled by forced collections) of a child JVM
 *       that predicts and writes a stack to TIFF (probabilities and labels), for a depth and the same
 *       stack 4x deeper (target ratio &lt;= 1.1).</li>
 * </ol>
 * Run: {@code mvn -B -q -pl bench -am process-classes -Dbench} (about 6 minutes on 2 cores); add
 * {@code -Dbench.args=memory} for the memory runs only.
 */
public final class PredictionBench {

    static final int TILE = 256;
    static final int OVERLAP = 32;
    static final int BATCH = 4;

    private PredictionBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("memory-child")) {
            memoryChild(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
            return;
        }
        System.out.println("EMSym prediction benchmark, " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("java.version"));
        boolean memoryOnly = args.length == 1 && args[0].equals("memory");
        double[] timing = memoryOnly ? null : timing(new VolumeShape(4, 512, 512));
        double[] memory1 = memoryRun(16, 1024);
        double[] memory4 = memoryRun(64, 1024);
        System.out.println();
        System.out.println("| measure | value | target |");
        System.out.println("|---|---|---|");
        if (timing != null) {
            printTiming(timing);
        }
        System.out.printf(Locale.ROOT, "| peak RSS, 64 vs 16 sections of 1024 x 1024 (-Xmx1g, MALLOC_ARENA_MAX=2) | %.3f "
                + "(%.0f / %.0f MB) | <= 1.1 |%n", memory4[0] / memory1[0], memory4[0], memory1[0]);
        System.out.printf(Locale.ROOT, "| largest live heap (sampled every 500 ms after System.gc()), 64 vs 16 sections | %.3f (%.0f / %.0f MB) "
                + "| <= 1.1 |%n", memory4[1] / memory1[1], memory4[1], memory1[1]);
    }

    private static void printTiming(double[] timing) {
        System.out.printf(Locale.ROOT, "| tiled / bare forward passes, wall (U-Net R18, %d tiles, median of 3) "
                + "| %.3f (%.1f s / %.1f s) | <= 1.15 |%n", (int) timing[5], timing[0] / timing[1], timing[0], timing[1]);
        System.out.printf(Locale.ROOT, "| tiled / bare forward passes, process CPU time | %.3f (%.1f s / %.1f s) "
                + "| <= 1.15 |%n", timing[2] / timing[3], timing[2], timing[3]);
        System.out.printf(Locale.ROOT, "| tiled wall / its own forward passes (same run, same load) | %.3f "
                + "(%.1f s / %.1f s) | <= 1.15 |%n", timing[0] / timing[4], timing[0], timing[4]);
    }

    /**
     * Alternates tiled predictions of a noise stack of {@code shape} with bare forward passes over batches of the
     * same composition (per section: full batches, then the rest), three rounds each.
     *
     * @return median tiled wall s, median bare wall s, median tiled CPU s, median bare CPU s, median model
     *     s inside the tiled runs, tiles per run
     */
    static double[] timing(VolumeShape shape) {
        SyntheticSections image = new SyntheticSections(shape);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, TILE, TILE));
            try (BlockTileModel model = BlockTileModel.builder(net).manager(manager).classes(1).source("U-Net R18")
                    .build()) {
                TiledVolumePredictor warmUp = predictor(model);
                warmUp.probabilities(image).readSlab(0, 1); // warms the engine up and counts the tiles
                int tilesPerSection = (int) warmUp.counters().tiles();
                float[] batch = new float[BATCH * 3 * TILE * TILE];
                SplittableRandom random = new SplittableRandom(1);
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = (float) random.nextDouble();
                }
                int rounds = 3;
                double[][] runs = new double[5][rounds];
                for (int round = 0; round < rounds; round++) {
                    long cpu = cpuNanos();
                    long t0 = System.nanoTime();
                    for (int z = 0; z < shape.depth(); z++) {
                        for (int done = 0; done < tilesPerSection; done += BATCH) {
                            int n = Math.min(BATCH, tilesPerSection - done);
                            model.predict(n == BATCH ? batch : Arrays.copyOf(batch, n * 3 * TILE * TILE), n, TILE,
                                    TILE);
                        }
                    }
                    runs[1][round] = (System.nanoTime() - t0) / 1e9;
                    runs[3][round] = (cpuNanos() - cpu) / 1e9;
                    TiledVolumePredictor predictor = predictor(model);
                    cpu = cpuNanos();
                    t0 = System.nanoTime();
                    predictor.probabilities(image).readSlab(0, shape.depth());
                    runs[0][round] = (System.nanoTime() - t0) / 1e9;
                    runs[2][round] = (cpuNanos() - cpu) / 1e9;
                    runs[4][round] = predictor.counters().modelSeconds();
                    System.out.printf(Locale.ROOT, "round %d: tiled %.2f s wall / %.2f s CPU (%.2f s in the model), "
                            + "bare forward passes %.2f s wall / %.2f s CPU (%d tiles per section, batches of %d)%n",
                            round + 1, runs[0][round], runs[2][round], runs[4][round], runs[1][round], runs[3][round],
                            tilesPerSection, BATCH);
                }
                return new double[] {median(runs[0]), median(runs[1]), median(runs[2]), median(runs[3]),
                    median(runs[4]), tilesPerSection * shape.depth()};
            }
        }
    }

    /** The tiled predictor every prediction row uses (tiles 256, overlap 32, batch 4, k = 1). */
    static TiledVolumePredictor predictor(TileModel model) {
        return TiledVolumePredictor.builder(model, WindowSpec.of(1)).tileSize(TILE, TILE).overlap(OVERLAP)
                .batchSize(BATCH).build();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** CPU time of this process, all threads (PyTorch's included): steadier than wall time on a busy machine. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Runs a child JVM predicting {@code depth} sections of {@code size} x {@code size}; returns its peak RSS
     * and largest live heap in MB.
     */
    static double[] memoryRun(int depth, int size) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("emsym-bench-");
        try {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    PredictionBench.class.getName(), "memory-child", String.valueOf(depth), String.valueOf(size),
                    dir.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            // glibc keeps one malloc arena per native thread (PyTorch's intra-op threads, the JIT); freed tensor
            // memory parked there inflates RSS with run time. Two arenas let RSS follow what is really in use.
            builder.environment().put("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            double rss = -1;
            double heap = -1;
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                    if (line.startsWith("PEAK ")) {
                        String[] parts = line.split(" ");
                        rss = Double.parseDouble(parts[1]);
                        heap = Double.parseDouble(parts[2]);
                    } else if (line.startsWith("predicted")) {
                        System.out.println(line);
                    }
                }
            }
            if (process.waitFor() != 0 || rss < 0) {
                throw new IllegalStateException("memory run with depth " + depth + " failed:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
            System.out.printf(Locale.ROOT, "depth %d: peak RSS %.0f MB, largest live heap %.0f MB%n", depth,
                    rss, heap);
            return new double[] {rss, heap};
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Predicts a size x size x depth noise stack with a 1x1 convolution (cheap: memory, not compute, is
     * measured) and writes probabilities and labels as TIFF; prints peak RSS and heap in MB.
     */
    private static void memoryChild(int depth, int size, Path dir) throws IOException {
        double[] liveMb = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                liveMb[0] = Math.max(liveMb[0], liveHeapMb());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        SyntheticSections image = new SyntheticSections(new VolumeShape(depth, size, size));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Conv2d conv = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build();
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, TILE, TILE));
            try (BlockTileModel model = BlockTileModel.builder(conv).manager(manager).classes(1).build()) {
                TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, WindowSpec.of(1))
                        .tileSize(TILE, TILE).overlap(OVERLAP).batchSize(BATCH).build();
                PredictionSummary summary = PredictionWriter.builder(predictor)
                        .probabilities(OutputTarget.of(dir.resolve("probabilities.tif")))
                        .labels(OutputTarget.of(dir.resolve("labels.tif"))).build().write(image);
                System.out.println(summary.toText());
            }
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "PEAK %.1f %.1f%n", peakRssKb() / 1024.0, liveMb[0]);
    }

    /** Heap still in use after a full collection: what the program really retains at this moment. */
    private static double liveHeapMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024);
    }

    private static long peakRssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
