package org.emsym.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Settings of one harness run, from the command line of {@link Bench}.
 *
 * @param quick smaller sizes and budgets (minutes instead of tens of minutes)
 * @param threads intra-op threads given to both DJL's PyTorch engine and PyTorch in Python
 * @param only benchmarks to run (all when empty)
 * @param python the Python interpreter that has torch (Debian's {@code python3-torch})
 * @param script the PyTorch twin of the U-Net, {@code bench/python/torch_unet.py}
 * @param shared folder holding {@code data/isbi2012}
 * @param nsfwjs folder holding the converted nsfwjs {@code model.json}
 * @param out the Markdown results file
 */
record BenchOptions(boolean quick, int threads, Set<String> only, Path python, Path script, Path shared, Path nsfwjs,
        Path out) {

    /** The benchmark names {@code --only} accepts, in run order. */
    static final Set<String> NAMES = new LinkedHashSet<>(
            Arrays.asList("parity", "train-step", "prediction", "engines", "memory", "ig", "isbi", "scale"));

    static final String USAGE = """
            usage: bench/run [--help] [--quick] [--threads N] [--only a,b,...] [--python PATH] [--shared DIR] [--nsfwjs DIR]
                             [--out FILE]
              --quick     small sizes (batch 2 x 3 x 128 x 128, short training) for a run of a few minutes
              --threads   intra-op threads for DJL/PyTorch (Java) and PyTorch (Python) alike (default 2)
              --only      some of: parity, train-step, prediction, engines, memory, ig, isbi, scale (default: all)
              --python    interpreter with torch (default /usr/bin/python3)
              --shared    folder with data/isbi2012 (default <repo>/../shared, property emsym.shared)
              --nsfwjs    folder with the converted nsfwjs model.json (default engine/target/nsfwjs)
              --out       results file (default bench/results/latest.md)""";

    boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /** Parses the arguments; paths are resolved against {@code root}, the repository root. */
    static BenchOptions parse(String[] args, Path root) {
        boolean quick = false;
        int threads = 2;
        Set<String> only = new LinkedHashSet<>();
        Path python = Path.of("/usr/bin/python3");
        String sharedProperty = System.getProperty("emsym.shared");
        Path shared = sharedProperty != null ? Path.of(sharedProperty) : root.resolve("../shared").normalize();
        Path nsfwjs = root.resolve(System.getProperty("emsym.nsfwjs.dir", "engine/target/nsfwjs"));
        Path out = root.resolve("bench/results/latest.md");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--threads" -> threads = positive(a, value(args, ++i, a));
                case "--only" -> {
                    for (String name : value(args, ++i, a).split(",")) {
                        String n = name.trim().toLowerCase(Locale.ROOT);
                        if (!NAMES.contains(n)) {
                            throw new IllegalArgumentException("--only: unknown benchmark '" + name + "', known: "
                                    + NAMES);
                        }
                        only.add(n);
                    }
                }
                case "--python" -> python = Path.of(value(args, ++i, a));
                case "--shared" -> shared = Path.of(value(args, ++i, a));
                case "--nsfwjs" -> nsfwjs = Path.of(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
            }
        }
        return new BenchOptions(quick, threads, only, python, root.resolve("bench/python/torch_unet.py"), shared,
                nsfwjs, out);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive integer, got '" + value + "'");
    }
}
