package org.emsym.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.emsym.engine.util.AtomicFiles;
import org.emsym.engine.volume.VolumeShape;

/**
 * The benchmark harness's single entry point ({@code bench/run}): runs each benchmark in turn and prints one
 * table of the ratios measured in this run with the absolute figures behind them; the same table, with the
 * date and the machine, goes to {@code bench/results/latest.md}. A benchmark that fails or lacks its inputs
 * gets a row saying so; the others still run.
 *
 * <p>Thread settings must be fixed before DJL's engine loads, so they are set here first thing: the same
 * number of intra-op threads for DJL's PyTorch engine and for the PyTorch twin in Python, one inter-op thread.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        String started = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        String loadBefore = loadAverage();
        System.out.println("EMSym benchmark harness, " + (options.quick() ? "quick" : "full") + " run, "
                + options.threads() + " intra-op threads, engine " + Engine.getInstance().getEngineName() + " "
                + Engine.getInstance().getVersion());

        List<ResultRow> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        if (options.runs("parity")) {
            rows.add(guard("numerical parity EMSym vs PyTorch (max abs output difference)", () -> parity(options)));
        }
        if (options.runs("train-step")) {
            rows.add(guard("training step EMSym / PyTorch", () -> trainingStep(options)));
        }
        if (options.runs("prediction")) {
            rows.add(guard("tiled prediction / bare forward passes", () -> prediction(options)));
        }
        if (options.runs("engines")) {
            rows.add(guard("tiled prediction ONNX Runtime / DJL PyTorch", () -> engines(options)));
        }
        if (options.runs("memory")) {
            rows.addAll(guardAll("peak memory 4x vs 1x depth", () -> memory(options)));
        }
        if (options.runs("ig")) {
            rows.add(guard("IG cost / (n x one saliency pass)", () -> attribution(options)));
        }
        if (options.runs("isbi")) {
            rows.add(guard("ISBI 2012 training (MobileNetV2, nsfwjs weights)", () -> isbi(options)));
        }
        if (options.runs("scale")) {
            rows.addAll(guardAll("Spark scale (local[1], local[2] vs one JVM)", () -> ScaleBench.rows(options)));
        }
        double minutes = (System.nanoTime() - t0) / 60e9;

        String table = markdown(options, rows, started, loadBefore, minutes);
        System.out.println();
        System.out.println(table);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        AtomicFiles.write(options.out(), table.getBytes(StandardCharsets.UTF_8));
        System.out.println("written to " + options.out());
    }

    private static ResultRow parity(BenchOptions o) throws Exception {
        ParityBench.Result r = ParityBench.run(o);
        double worst = Math.max(r.evalDiff(), r.trainDiff());
        return ResultRow.atMost("numerical parity EMSym vs PyTorch (max abs output difference)", worst,
                String.format(Locale.ROOT, "eval %.1e, train-mode %.1e; max abs output %.2f; %d tensors, %s", r.evalDiff(),
                        r.trainDiff(), r.maxOutput(), r.parameters(), o.quick() ? "2x3x128x128" : "2x3x256x256"),
                ParityBench.TOLERANCE);
    }

    private static ResultRow trainingStep(BenchOptions o) throws Exception {
        TrainingStepBench.Result r = TrainingStepBench.run(o);
        return ResultRow.atMost("training step EMSym / PyTorch (U-Net R18, batch " + r.batch() + "x3x" + r.size()
                + "x" + r.size() + ", median of " + r.pairs() + " paired steps)", r.ratio(), String.format(Locale.ROOT,
                "%.2f s / %.2f s per step (torch %s); EMSym step: copy in %.3f s, forward+backward %.2f s,"
                + " optimizer %.2f s", r.emsymSeconds(), r.torchSeconds(), r.torchVersion(), r.copySeconds(),
                r.backwardSeconds(), r.updateSeconds()), 1.0);
    }

    private static ResultRow prediction(BenchOptions o) {
        VolumeShape shape = o.quick() ? new VolumeShape(2, 384, 384) : new VolumeShape(4, 512, 512);
        // median tiled wall, bare wall, tiled CPU, bare CPU, model seconds in the tiled runs, tiles per run
        double[] r = PredictionBench.timing(shape);
        return ResultRow.atMost("tiled prediction / bare forward passes (U-Net R18, " + shape.depth() + "x"
                + shape.height() + "x" + shape.width() + ", wall, median of 3)", r[0] / r[1], String.format(Locale.ROOT,
                "%.1f s / %.1f s, %d tiles of 256x256; CPU time %.1f s / %.1f s (%.3f)", r[0], r[1], (int) r[5], r[2],
                r[3], r[2] / r[3]), 1.15);
    }

    private static ResultRow engines(BenchOptions o) throws Exception {
        VolumeShape shape = o.quick() ? new VolumeShape(2, 384, 384) : new VolumeShape(4, 512, 512);
        EngineBench.Result r = EngineBench.run(shape, o.threads(), 3);
        return ResultRow.atMost("tiled prediction ONNX Runtime / DJL PyTorch (U-Net R18 k=1, " + shape.depth() + "x"
                + shape.height() + "x" + shape.width() + ", wall, median of 3)", r.ratio(), String.format(Locale.ROOT,
                "%.1f s / %.1f s, %d tiles of 256x256, %d intra-op threads each; max abs diff %.1e", r.onnxSeconds(),
                r.torchSeconds(), r.tiles(), o.threads(), r.maxDiff()), 1.0);
    }

    private static List<ResultRow> memory(BenchOptions o) throws Exception {
        int depth = o.quick() ? 8 : 16;
        int size = o.quick() ? 512 : 1024;
        double[] one = PredictionBench.memoryRun(depth, size); // peak RSS MB, largest live heap MB
        double[] four = PredictionBench.memoryRun(4 * depth, size);
        String what = 4 * depth + " vs " + depth + " sections of " + size + "x" + size;
        return List.of(
                ResultRow.atMost("peak RSS, " + what + " (-Xmx1g, MALLOC_ARENA_MAX=2)", four[0] / one[0],
                        String.format(Locale.ROOT, "%.0f MB / %.0f MB", four[0], one[0]), 1.1),
                ResultRow.atMost("largest live Java heap (after System.gc()), " + what, four[1] / one[1],
                        String.format(Locale.ROOT, "%.0f MB / %.0f MB", four[1], one[1]), 1.1));
    }

    private static ResultRow attribution(BenchOptions o) {
        AttributionCostBench.Result r = AttributionCostBench.run(o);
        return ResultRow.atMost("IG cost / (n x one saliency pass) (n = " + r.steps() + ", batches of " + r.batch()
                + ", " + r.size() + "x" + r.size() + ")", r.ratio(), String.format(Locale.ROOT,
                "%.2f s / (%d x %.3f s)", r.igSeconds(), r.steps(), r.saliencySeconds()), 1.1);
    }

    private static ResultRow isbi(BenchOptions o) throws Exception {
        String measure = "ISBI 2012 training (MobileNetV2 nsfwjs, sections 0-14 / val 15-19)";
        String missing = TrainingBench.missingInputs(o.shared(), o.nsfwjs());
        if (missing != null) {
            return ResultRow.skipped(measure, missing);
        }
        TrainingBench.Budget budget = o.quick() ? TrainingBench.Budget.QUICK : TrainingBench.Budget.DEFAULT;
        TrainingBench.Result r = TrainingBench.run(o.shared(), o.nsfwjs(), budget);
        return ResultRow.figures(measure, String.format(Locale.ROOT, "val Dice %.3f", r.validationDice()),
                String.format(Locale.ROOT, "all-membrane Dice %.3f; %.2f s/step (batch %dx%dx%d, %d epochs x %d "
                        + "steps, best epoch %d); %.0f s total", r.allMembraneDice(), r.stepSeconds(), budget.batch(),
                        budget.patch(), budget.patch(), budget.epochs(), budget.steps(), r.bestEpoch(),
                        r.totalSeconds()));
    }

    /** A benchmark body that may throw. */
    private interface Body<T> {
        T run() throws Exception;
    }

    private static ResultRow guard(String measure, Body<ResultRow> body) {
        return guardAll(measure, () -> List.of(body.run())).get(0);
    }

    private static List<ResultRow> guardAll(String measure, Body<List<ResultRow>> body) {
        try {
            return body.run();
        } catch (Exception e) {
            e.printStackTrace();
            return List.of(new ResultRow(measure, "FAILED", String.valueOf(e.getMessage()).lines().findFirst()
                    .orElse(e.getClass().getSimpleName()), "-", "NO"));
        }
    }

    private static String markdown(BenchOptions o, List<ResultRow> rows, String started, String loadBefore,
            double minutes) {
        StringBuilder s = new StringBuilder();
        s.append("# EMSym benchmark results\n\n");
        s.append("- date: ").append(started).append(String.format(Locale.ROOT, " (%.1f min, %s run)%n", minutes,
                o.quick() ? "quick" : "full"));
        s.append("- machine: ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs visible, ").append(memTotal()).append("; load average before / after: ")
                .append(loadBefore).append(" / ").append(loadAverage()).append('\n');
        s.append("- software: Java ").append(System.getProperty("java.version")).append(", DJL ")
                .append(Engine.getDjlVersion()).append(" with PyTorch ").append(Engine.getInstance().getVersion())
                .append(" (CPU); Python twin ").append(o.python()).append('\n');
        s.append("- threads: ").append(o.threads()).append(" intra-op threads for both DJL and PyTorch, 1 inter-op\n");
        if (busy(loadBefore)) {
            s.append("- note: the load average exceeded the CPU count, so other processes shared the machine; "
                    + "timing ratios are noisy (see the per-round lines on the console)\n");
        }
        s.append('\n');
        s.append("| measure | value | absolute | target | met |\n|---|---|---|---|---|\n");
        for (ResultRow r : rows) {
            s.append("| ").append(r.measure()).append(" | ").append(r.value()).append(" | ").append(r.absolute())
                    .append(" | ").append(r.target()).append(" | ").append(r.met()).append(" |\n");
        }
        return s.toString();
    }

    private static boolean busy(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]) > Runtime.getRuntime().availableProcessors();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memTotal() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Math.round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0) + " GiB RAM")
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
