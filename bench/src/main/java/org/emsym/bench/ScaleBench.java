package org.emsym.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.NormalizationSpec;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrWriter;
import org.emsym.engine.window.WindowSpec;
import org.emsym.spark.BlockResult;
import org.emsym.spark.SparkBlockPredictor;
import org.emsym.spark.SparkJvmOptions;
import org.emsym.spark.SparkPredictionResult;

/**
 * Scale benchmark (issue 14): one UINT8 Zarr volume predicted, in the same run, by the one-JVM
 * {@link TiledVolumePredictor} (all intra-op threads in one task) and by the Spark job on {@code local[1]} and
 * {@code local[2]} (one DJL thread per task); each run in a child JVM of its own (DJL fixes its threads when
 * its engine loads; peak memory is the child's), all with {@code -Xmx1g} and {@code MALLOC_ARENA_MAX=2}.
 * Measured: throughput ratios, the executor's peak RSS and largest live heap when the volume grows 4x in z
 * (blocks keep their size), the Spark output against the one-JVM output, and from the per-block times a
 * projection of core-hours and wall time for a 1 TB UINT8 volume (assumptions written beside the results).
 *
 * <p>Timed: from loading the model to the last chunk written (one JVM) and the Spark job (driver checks,
 * planning, tasks, the executors' model load); the Spark context's start is reported apart.
 */
final class ScaleBench {

    /**
     * Output chunks and blocks: one section, whole in y and x, so blocks recompute no tile, and even the 1x volume
     * of the memory runs has as many blocks as {@code local[2]} has task slots.
     */
    private static final int CHUNK_Z = 1;
    private static final double TERABYTE_VOXELS = 1e12;

    private ScaleBench() {
    }

    /** One child run's figures. */
    record Run(String mode, double seconds, double cpuSeconds, double contextSeconds, long tiles, double rssMb,
               double heapMb, int blocks, double meanBlockSeconds, long blockVoxels) {

        String line() {
            return String.format(Locale.ROOT, "%s: %.2f s (process CPU %.1f s)%s, %d tiles, peak RSS %.0f MB%s%s", mode,
                    seconds, cpuSeconds,
                    contextSeconds > 0 ? String.format(Locale.ROOT, " (+ %.1f s Spark context start)", contextSeconds)
                            : "", tiles, rssMb, heapMb > 0 ? String.format(Locale.ROOT, ", live heap %.0f MB", heapMb)
                            : "", blocks > 0 ? String.format(Locale.ROOT, ", %d blocks of %.2f s mean", blocks,
                            meanBlockSeconds) : "");
        }
    }

    /** The rows of {@code bench/run --only scale}; the projection's assumptions go to {@code scale-projection.md}. */
    static List<ResultRow> rows(BenchOptions o) throws Exception {
        int size = o.quick() ? 256 : 384;
        // the larger of the two volumes; the smaller has a quarter of its sections (-Dbench.scale.depth, default 8)
        int depth = Integer.getInteger("bench.scale.depth", 8);
        if (depth < 4 || depth % 4 != 0) {
            throw new IllegalArgumentException("bench.scale.depth must be a multiple of 4, got " + depth);
        }
        int tile = o.quick() ? 128 : 256;
        int overlap = tile / 8;
        Path dir = Files.createTempDirectory("emsym-scale-");
        try {
            Path bundle = bundle(dir.resolve("bundle"), tile);
            Path big = dir.resolve("raw-" + depth + ".ome.zarr");
            Path small = dir.resolve("raw-" + depth / 4 + ".ome.zarr");
            writeInput(big, new VolumeShape(depth, size, size));
            writeInput(small, new VolumeShape(depth / 4, size, size));
            String common = bundle + " " + tile + " " + overlap;
            List<Run> oneJvm = new ArrayList<>();
            List<Run> local2 = new ArrayList<>();
            // alternated, two rounds each, so that a change of the machine's load hits both
            for (int round = 0; round < 2; round++) {
                oneJvm.add(child(o, "one-jvm", big, dir.resolve("one-" + round + ".zarr"), common, false));
                local2.add(child(o, "local[2]", big, dir.resolve("spark2-" + round + ".zarr"), common, false));
            }
            Run local1 = child(o, "local[1]", big, dir.resolve("spark1.zarr"), common, false);
            Run memorySmall = child(o, "local[2]", small, dir.resolve("mem-small.zarr"), common, true);
            Run memoryBig = child(o, "local[2]", big, dir.resolve("mem-big.zarr"), common, true);
            double diff = maxAbsDiff(dir.resolve("one-0.zarr").resolve("0"), dir.resolve("spark2-0.zarr"));

            Run one = fastest(oneJvm);
            Run two = fastest(local2);
            long voxels = (long) depth * size * size;
            double r2 = one.seconds() / two.seconds();
            double r1 = one.seconds() / local1.seconds();
            String what = String.format(Locale.ROOT, "U-Net R18, %dx%dx%d UINT8, tiles %d, blocks %dx%dx%d", depth,
                    size, size, tile, CHUNK_Z, size, size);
            List<ResultRow> rows = new ArrayList<>();
            rows.add(ResultRow.atLeast("throughput Spark local[2] / one JVM (" + what + ", faster of 2 rounds)", r2,
                    String.format(Locale.ROOT, "%.1f s / %.1f s (%.1f / %.1f kvoxel/s; process CPU %.0f s / %.0f s); "
                            + "one-JVM runs %s, local[2] %s", two.seconds(), one.seconds(), voxels / two.seconds() / 1e3,
                            voxels / one.seconds() / 1e3, two.cpuSeconds(), one.cpuSeconds(), seconds(oneJvm),
                            seconds(local2)), 0.9));
            rows.add(ResultRow.figures("throughput Spark local[1] / one JVM (same volume)", String.format(Locale.ROOT,
                    "%.3f", r1), String.format(Locale.ROOT, "%.1f s / %.1f s (one core for Spark, %d for one JVM)",
                    local1.seconds(), one.seconds(), o.threads())));
            rows.add(ResultRow.atMost("Spark output vs one-JVM output (max abs difference)", diff,
                    "Zarr arrays of the one-JVM run and the first local[2] run", 1e-5));
            String mem = depth + " vs " + depth / 4 + " sections of " + size + "x" + size + ", local[2]";
            rows.add(ResultRow.atMost("executor peak RSS, " + mem + " (-Xmx1g, MALLOC_ARENA_MAX=2)",
                    memoryBig.rssMb() / memorySmall.rssMb(), String.format(Locale.ROOT, "%.0f MB / %.0f MB",
                            memoryBig.rssMb(), memorySmall.rssMb()), 1.1));
            rows.add(ResultRow.atMost("executor largest live heap (after System.gc()), " + mem,
                    memoryBig.heapMb() / memorySmall.heapMb(), String.format(Locale.ROOT, "%.0f MB / %.0f MB",
                            memoryBig.heapMb(), memorySmall.heapMb()), 1.1));
            Projection p = new Projection(two, tile, overlap);
            rows.add(ResultRow.figures("projection, 1 TB UINT8 (10^12 voxels in 8192x8192 sections), same model "
                    + "and settings", String.format(Locale.ROOT, "%.0f core-hours", p.coreHours()),
                    String.format(Locale.ROOT, "%.2f s per tile per core x %d tiles per section x %.0f sections; wall "
                            + "%s (job efficiency %.2f); assumptions in scale-projection.md", p.secondsPerTileCore(),
                            p.tilesPerSection(), p.sections(), p.wallSummary(), p.jobEfficiency())));
            List<Run> all = new ArrayList<>(oneJvm);
            all.addAll(local2);
            all.add(local1);
            all.add(memorySmall);
            all.add(memoryBig);
            Path notes = o.out().toAbsolutePath().resolveSibling("scale-projection.md");
            Files.createDirectories(notes.getParent());
            AtomicFiles.write(notes, p.markdown(what, all).getBytes(StandardCharsets.UTF_8));
            System.out.println("projection and assumptions written to " + notes);
            return rows;
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * The projection of the measured per-tile time to 10^12 voxels in sections of {@value #SECTION} x
     * {@value #SECTION}, with its assumptions. Per tile, not per voxel: small benchmark sections overlap their
     * tiles far more than large ones do.
     */
    record Projection(Run spark2, int tile, int overlap) {

        static final int SECTION = 8192;

        /** Core-seconds per tile: a local[2] task uses one core (one DJL thread) for its block. */
        double secondsPerTileCore() {
            return spark2.meanBlockSeconds() / ((double) spark2.tiles() / spark2.blocks());
        }

        /** Tiles of one section: the whole-volume tiling's count per axis, squared. */
        long tilesPerSection() {
            long perAxis = (long) Math.ceil((double) (SECTION - tile) / (tile - overlap)) + 1;
            return perAxis * perAxis;
        }

        double sections() {
            return TERABYTE_VOXELS / ((double) SECTION * SECTION);
        }

        double coreHours() {
            return sections() * tilesPerSection() * secondsPerTileCore() / 3600;
        }

        /** Busy time of the task slots over the job's wall time (local[2]): scheduling, model loads, stragglers. */
        double jobEfficiency() {
            return spark2.meanBlockSeconds() * spark2.blocks() / 2 / spark2.seconds();
        }

        double wallHours(int executors, int cores) {
            return coreHours() / ((double) executors * cores) / jobEfficiency();
        }

        String wallSummary() {
            StringBuilder s = new StringBuilder();
            for (int n : new int[] {10, 100, 1000}) {
                if (s.length() > 0) {
                    s.append(", ");
                }
                s.append(String.format(Locale.ROOT, "%s on %d x 4 cores", hours(wallHours(n, 4)), n));
            }
            return s.toString();
        }

        String markdown(String what, List<Run> runs) {
            StringBuilder s = new StringBuilder();
            s.append("# Scale benchmark: projection to a 1 TB volume\n\n");
            s.append("Measured in the run of `bench/run --only scale` recorded beside this file (").append(what)
                    .append(").\n\n## Runs (one child JVM each, -Xmx1g, MALLOC_ARENA_MAX=2)\n\n");
            for (Run r : runs) {
                s.append("- ").append(r.line()).append('\n');
            }
            s.append(String.format(Locale.ROOT, "%n## Projection%n%n"
                    + "- per tile (%d x %d): %.3f s of one core (mean block of the faster local[2] run, %.2f s for %d "
                    + "tiles, one DJL thread per task, two tasks at once on the 2 cores)%n"
                    + "- 1 TB UINT8 = 10^12 voxels = %.0f sections of %d x %d; %d tiles per section (overlap %d); "
                    + "%.0f core-hours of blocks%n"
                    + "- job efficiency (task-slot busy time / job wall time, local[2]): %.2f%n", tile, tile,
                    secondsPerTileCore(), spark2.meanBlockSeconds(), spark2.tiles() / spark2.blocks(), sections(),
                    SECTION, SECTION, tilesPerSection(), overlap, coreHours(), jobEfficiency()));
            s.append("\n| executors x cores | wall time | core-hours held (job efficiency included) |\n|---|---|---|\n");
            for (int n : new int[] {1, 10, 100, 1000}) {
                s.append(String.format(Locale.ROOT, "| %d x 4 | %s | %.0f |%n", n, hours(wallHours(n, 4)),
                        coreHours() / jobEfficiency()));
            }
            double voxelsPerSecond100 = 100 * 4 * TERABYTE_VOXELS / (coreHours() * 3600);
            s.append(String.format(Locale.ROOT, "%n## Assumptions%n%n"
                    + "- the network and settings measured above (ResNet-18 U-Net, k = 1, tile %d, overlap %d, batch 4, "
                    + "Gaussian blending, no TTA), CPU cores as fast as this machine's under the load it had, one DJL "
                    + "thread per task (spark.task.cpus = 1), executor cores = tasks at once; no GPU%n"
                    + "- blocks of whole sections (--block 1x0x0, chunks 1 x %d x %d), as measured: no tile is computed "
                    + "twice; a task holds its block's section, its 2k halo sections (FLOAT32, 3 x 256 MB) and the "
                    + "blend buffers, about 1.5 GB, so an executor of 4 cores needs about 8 GB; blocks split in y or x "
                    + "need less but recompute the tiles that straddle their edges (more core-hours)%n"
                    + "- time per tile does not depend on the volume's size (each block's cost is its tiles; the "
                    + "memory rows of the table check that a task's memory does not grow with the volume)%n"
                    + "- the shared file system keeps up: the job reads 1 byte (UINT8) and writes 4 bytes (FLOAT32, "
                    + "before compression) per voxel, %.0f MB/s in all on 100 x 4 cores at the projected rate, plus "
                    + "the z halo (2k = 2 sections per block of one) read again: 3 bytes read per voxel%n"
                    + "- the driver's work is not in the projection: the normalization fit is one pass over the "
                    + "volume unless the model normalizes by type (TYPE_MAX, as here: no pass); planning and "
                    + "scheduling cost milliseconds per block (%.0f blocks)%n"
                    + "- the job efficiency measured on local[2] (model load and scheduling over %d blocks) holds on "
                    + "the cluster; with hundreds of blocks per executor the model load, once per executor JVM, "
                    + "weighs less, so the wall times are upper bounds under the other assumptions%n",
                    tile, overlap, SECTION, SECTION, voxelsPerSecond100 * 7 / 1e6, sections(), spark2.blocks()));
            return s.toString();
        }

        private static String hours(double h) {
            return h >= 48 ? String.format(Locale.ROOT, "%.1f days", h / 24)
                    : h >= 1 ? String.format(Locale.ROOT, "%.1f h", h) : String.format(Locale.ROOT, "%.0f min", h * 60);
        }
    }

    private static Run fastest(List<Run> runs) {
        return runs.stream().min(Comparator.comparingDouble(Run::seconds)).orElseThrow();
    }

    private static String seconds(List<Run> runs) {
        return String.join(" / ", runs.stream().map(r -> String.format(Locale.ROOT, "%.1f s", r.seconds())).toList());
    }

    /** A random-weight ResNet-18 U-Net with k = 1 saved as a bundle (type-max normalization: no fit pass). */
    private static Path bundle(Path folder, int tile) throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(3)).build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, tile, tile));
            ModelBundle.save(folder, net, ModelMetadata.describe(net).withNormalization(NormalizationSpec.typeMax()));
        }
        return folder;
    }

    /** A random UINT8 volume as an OME-Zarr group, chunks of 8 x 256 x 256. */
    private static void writeInput(Path group, VolumeShape shape) throws IOException {
        float[][] sections = new float[shape.depth()][shape.sectionSize()];
        for (int z = 0; z < shape.depth(); z++) {
            SplittableRandom random = new SplittableRandom(z);
            for (int i = 0; i < sections[z].length; i++) {
                sections[z][i] = random.nextInt(256);
            }
        }
        ZarrWriter.write(new ArrayVolume(shape, PixelType.UINT8, sections), group, new int[] {8, 256, 256}, "zlib", 1);
    }

    private static double maxAbsDiff(Path a, Path b) throws IOException {
        Volume va = VolumeReaders.openAsStored(a, null);
        Volume vb = VolumeReaders.openAsStored(b, null);
        double max = 0;
        for (int z = 0; z < va.shape().depth(); z++) {
            float[] x = va.readSection(z);
            float[] y = vb.readSection(z);
            for (int i = 0; i < x.length; i++) {
                max = Math.max(max, Math.abs(x[i] - y[i]));
            }
        }
        return max;
    }

    /** Runs one child JVM; {@code mode} is {@code one-jvm} or a Spark master. */
    private static Run child(BenchOptions o, String mode, Path input, Path output, String common, boolean sampleHeap)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        if (mode.equals("one-jvm")) {
            command.add("-Dai.djl.pytorch.num_threads=" + o.threads());
            command.add("-Dai.djl.pytorch.num_interop_threads=1");
        } else {
            command.addAll(SparkJvmOptions.list()); // the executors' DJL threads: spark.task.cpus (1)
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ScaleBench.class.getName(), "scale-child",
                mode, input.toString(), output.toString(), String.valueOf(sampleHeap)));
        command.addAll(List.of(common.split(" ")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        Map<String, String> result = null;
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
                if (line.startsWith("RESULT ")) {
                    result = new HashMap<>();
                    for (String kv : line.substring(7).split(" ")) {
                        result.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(mode + " run on " + input.getFileName() + " failed:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        Run run = new Run(mode + (sampleHeap ? " (memory, " : " (") + input.getFileName() + ")",
                Double.parseDouble(result.get("seconds")), Double.parseDouble(result.get("cpu")),
                Double.parseDouble(result.get("context")),
                Long.parseLong(result.get("tiles")), Double.parseDouble(result.get("rss")),
                Double.parseDouble(result.get("heap")), Integer.parseInt(result.get("blocks")),
                Double.parseDouble(result.get("blockSeconds")), Long.parseLong(result.get("blockVoxels")));
        System.out.println(run.line());
        return run;
    }

    /** Child JVM: {@code scale-child <mode> <input> <output> <sampleHeap> <bundle> <tile> <overlap>}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 8 || !args[0].equals("scale-child")) {
            throw new IllegalArgumentException("usage: scale-child <one-jvm|master> <input> <output> <sampleHeap> "
                    + "<bundle> <tile> <overlap>");
        }
        String mode = args[1];
        Path input = Path.of(args[2]);
        Path output = Path.of(args[3]);
        boolean sampleHeap = Boolean.parseBoolean(args[4]);
        Path bundle = Path.of(args[5]);
        int tile = Integer.parseInt(args[6]);
        int overlap = Integer.parseInt(args[7]);
        double[] liveMb = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                liveMb[0] = Math.max(liveMb[0], ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                        / (1024.0 * 1024));
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        if (sampleHeap) {
            sampler.start();
        }
        double seconds;
        double cpu0 = cpuSeconds();
        double context = 0;
        long tiles;
        int blocks = 0;
        double blockSeconds = 0;
        long blockVoxels = 0;
        if (mode.equals("one-jvm")) {
            long t0 = System.nanoTime();
            Volume image = VolumeReaders.open(input, null);
            try (NDManager manager = NDManager.newBaseManager()) {
                ModelBundle b = ModelBundle.load(bundle, manager);
                try (BlockTileModel model = BlockTileModel.builder(b.network()).manager(manager)
                        .classes(b.metadata().classes()).build()) {
                    TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, WindowSpec.of(b.metadata().context()))
                            .tileSize(tile, tile).overlap(overlap)
                            .normalizer(Normalizer.fit(image, b.metadata().inputNormalization())).build();
                    ZarrWriter.write(predictor.probabilities(image), output,
                            new int[] {CHUNK_Z, image.shape().height(), image.shape().width()}, "zlib", 1);
                    tiles = predictor.counters().tiles();
                }
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        } else {
            long c0 = System.nanoTime();
            try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setMaster(mode)
                    .setAppName("emsym scale bench").set("spark.ui.enabled", "false"))) {
                spark.setLogLevel("WARN");
                context = (System.nanoTime() - c0) / 1e9;
                cpu0 = cpuSeconds(); // the context's start is reported apart, in time and CPU
                Volume image = VolumeReaders.open(input, null);
                SparkPredictionResult r = SparkBlockPredictor.builder(bundle, input, output)
                        .optChunks(CHUNK_Z, image.shape().height(), image.shape().width()).optBlockChunks(1, 0, 0)
                        .optTile(tile).optOverlap(overlap).build().predict(spark);
                seconds = r.seconds();
                tiles = r.computed().stream().mapToLong(BlockResult::tiles).sum();
                blocks = r.computed().size();
                blockSeconds = r.blockSeconds() / blocks;
                blockVoxels = (long) CHUNK_Z * image.shape().sectionSize();
            }
        }
        sampler.interrupt();
        System.out.printf(Locale.ROOT, "RESULT seconds=%.3f cpu=%.3f context=%.3f tiles=%d rss=%.1f heap=%.1f "
                + "blocks=%d blockSeconds=%.4f blockVoxels=%d%n", seconds, cpuSeconds() - cpu0, context, tiles,
                peakRssKb() / 1024.0,
                sampleHeap ? liveMb[0] : 0, blocks, blockSeconds, blockVoxels);
    }

    /** CPU time of this process, all threads (PyTorch's and Spark's included). */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
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
