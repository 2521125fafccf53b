package org.emsym.engine.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.emsym.engine.pipeline.PipelineConfig;
import org.emsym.engine.pipeline.PipelineRunner;
import org.emsym.engine.pipeline.RunResults;
import org.emsym.engine.pipeline.PipelineReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code emsym pipeline}: the whole experiment from one JSON config; with no arguments the bundled demo. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Read (or synthesize) data -> window -> load pretrained model -> symmetrize -> train -> predict ->"
            + " attribute -> score -> report, for every symmetrization strategy with the same seed and budget.",
            "Without arguments: synthetic data, the pretrained nsfwjs MobileNetV2, k=1, 'uniform' vs 'none', report in out/.",
            "Settings come from the defaults, then --config, then --set and the options below (later wins);"
                + " --describe-config lists every key."})
final class PipelineCommand implements Callable<Integer> {

    @ParentCommand
    private EmsymCli cli;

    @Option(names = {"-c", "--config"}, description = "JSON config file (an object with any of the keys)")
    private Path config;

    @Option(names = "--set", description = "override one key: KEY=VALUE (VALUE as JSON, or a plain string)")
    private List<String> sets = new ArrayList<>();

    @Option(names = {"-o", "--out"}, description = "output folder (key 'out', default out)")
    private String out;

    @Option(names = {"-i", "--image"}, description = "image stack (key 'image', default synthetic data)")
    private String image;

    @Option(names = {"-l", "--labels"}, description = "binary label stack (key 'labels')")
    private String labels;

    @Option(names = "--positive-is-zero", description = "label 0 is membrane (key 'positiveIsZero')")
    private Boolean positiveIsZero;

    @Option(names = {"-w", "--weights"}, description = "pretrained weights (key 'weights')")
    private String weights;

    @Option(names = {"-k", "--context"}, description = "window context (key 'k', default 1)")
    private Integer k;

    @Option(names = "--strategies", split = ",", description = "strategies to compare (key 'strategies', default uniform,none)")
    private List<String> strategies;

    @Option(names = "--epochs", description = "epochs per variant (key 'epochs')")
    private Integer epochs;

    @Option(names = "--steps", description = "steps per epoch (key 'stepsPerEpoch')")
    private Integer steps;

    @Option(names = "--describe-config", description = "print every config key with its default and meaning, then exit")
    private boolean describe;

    @Option(names = "--print-config", description = "print the resolved config as JSON, then exit")
    private boolean print;

    @Override
    public Integer call() throws Exception {
        if (describe) {
            JsonObject defaults = PipelineConfig.defaultsJson();
            for (Map.Entry<String, String> e : PipelineConfig.KEYS.entrySet()) {
                cli.out().printf(Locale.ROOT, "%-30s %-28s %s%n", e.getKey(), defaults.get(e.getKey()), e.getValue());
            }
            return EmsymCli.OK;
        }
        List<JsonObject> layers = new ArrayList<>();
        if (config != null) {
            layers.add(PipelineConfig.readJson(config));
        }
        layers.add(overrides());
        PipelineConfig resolved = PipelineConfig.of(layers);
        if (print) {
            cli.out().println(resolved.toJson());
            return EmsymCli.OK;
        }
        RunResults results = new PipelineRunner(resolved, cli.progress(), cli.cancellation(), cli.err()).run();
        for (RunResults.VariantResult v : results.variants()) {
            cli.out().printf(Locale.ROOT, "%-14s test Dice %.4f  IoU %.4f  centre share %s  (train %.0f s)%n",
                    v.strategy(), v.scores().dice(), v.scores().iou(), v.attribution().centreShare(), v.trainSeconds());
        }
        for (RunResults.Baseline b : results.trivial()) {
            cli.out().printf(Locale.ROOT, "%-22s test Dice %.4f%n", b.name(), b.dice());
        }
        cli.out().printf(Locale.ROOT, "report: %s (%.0f s)%n", resolved.out().resolve(PipelineReport.FILE),
                results.seconds());
        return EmsymCli.OK;
    }

    private JsonObject overrides() {
        JsonObject o = new JsonObject();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set needs KEY=VALUE, got '" + s + "'");
            }
            String key = s.substring(0, eq).trim();
            JsonElement v = value(s.substring(eq + 1).trim());
            requireType(key, v, s);
            o.add(key, v);
        }
        put(o, "out", out);
        put(o, "image", image);
        put(o, "labels", labels);
        put(o, "weights", weights);
        if (positiveIsZero != null) {
            o.addProperty("positiveIsZero", positiveIsZero);
        }
        if (k != null) {
            o.addProperty("k", k);
        }
        if (epochs != null) {
            o.addProperty("epochs", epochs);
        }
        if (steps != null) {
            o.addProperty("stepsPerEpoch", steps);
        }
        if (strategies != null) {
            com.google.gson.JsonArray a = new com.google.gson.JsonArray();
            strategies.forEach(a::add);
            o.add("strategies", a);
        }
        return o;
    }

    private static void put(JsonObject o, String key, String value) {
        if (value != null) {
            o.addProperty(key, value);
        }
    }

    /** A --set value: JSON when it parses as JSON, else the plain string. */
    /**
     * Refuses, naming the key, a {@code --set} value of another JSON kind than the key's default (a word for a
     * number, say), which the config would otherwise refuse without saying which key.
     */
    private static void requireType(String key, JsonElement v, String set) {
        JsonElement expected = PipelineConfig.defaultsJson().get(key);
        if (expected == null || expected.isJsonNull() || v.isJsonNull()) {
            return; // an unknown key is named by the config; null keeps the default
        }
        String wanted = null;
        if (expected.isJsonArray() && !v.isJsonArray()) {
            wanted = "a JSON array such as " + expected;
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()
                && !(v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber())) {
            wanted = "a number";
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isBoolean()
                && !(v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean())) {
            wanted = "true or false";
        }
        if (wanted != null) {
            throw new IllegalArgumentException("--set " + set + ": key '" + key + "' takes " + wanted + ", got " + v);
        }
    }

    private static JsonElement value(String text) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException e) {
            return new JsonPrimitive(text);
        }
    }
}
