package org.emsym.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command of the PyTorch twin ({@code bench/python/torch_unet.py}) and returns the JSON it prints on
 * its {@code RESULT} line. The child gets the same thread settings as this JVM's engine.
 */
final class TorchProcess {

    private TorchProcess() {
    }

    static JsonObject run(BenchOptions options, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(options.python().toString(), options.script().toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--threads", String.valueOf(options.threads())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("OMP_NUM_THREADS", String.valueOf(options.threads()));
        builder.environment().put("MKL_NUM_THREADS", String.valueOf(options.threads()));
        Process process = builder.start();
        JsonObject result = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = JsonParser.parseString(line.substring("RESULT ".length())).getAsJsonObject();
                } else {
                    log.append(line).append('\n');
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IOException("PyTorch twin failed (exit " + exit + "): " + String.join(" ", command) + "\n"
                    + log);
        }
        return result;
    }
}
