package org.emsym.engine.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.emsym.engine.util.AtomicTarget;

/**
 * A training checkpoint file: a zip with {@code state.json} ({@link TrainingState}), {@code parameters}
 * (DJL {@link Block#saveParameters}) and {@code optimizer} ({@link AdamOptimizer#save}). Files are written to
 * a temporary file in the target folder and moved into place atomically, so a killed or canceled run never
 * leaves a half-written checkpoint. Since {@link ModelIdentity} was added, {@code state.json} also records the
 * network and starting weights; checkpoints without it resume as before, checked on the settings only.
 */
public final class Checkpoint {

    /** File name of the checkpoint after the latest finished epoch. */
    public static final String LAST = "last.ckpt";
    /** File name of the checkpoint of the epoch with the lowest validation loss. */
    public static final String BEST = "best.ckpt";

    private static final String STATE = "state.json";
    private static final String PARAMETERS = "parameters";
    private static final String OPTIMIZER = "optimizer";
    private static final int FORMAT = 1;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting()
            .create();

    private Checkpoint() {
    }

    /** The model's parameters as bytes ({@link Block#saveParameters} format). */
    public static byte[] parameterBytes(Block model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            model.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters written by {@link #parameterBytes} into an initialized model, keeping gradients
     * attached to trainable parameters.
     */
    public static void loadParameterBytes(Block model, NDManager manager, byte[] parameters, String source) {
        List<NDArray> previous = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            previous.add(p.getValue().isInitialized() ? p.getValue().getArray() : null);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            model.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new IllegalArgumentException("parameters in " + source + " do not fit the model: " + e.getMessage(),
                    e);
        }
        int i = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            NDArray array = p.getValue().getArray();
            if (p.getValue().requiresGradient()) {
                array.setRequiresGradient(true);
            }
            // Parameter#load replaces the array without closing the old one
            NDArray old = previous.get(i++);
            if (old != null && old != array) {
                old.close();
            }
        }
    }

    /**
     * Writes a checkpoint atomically (through {@link AtomicTarget}, which also removes temporaries that killed
     * runs left beside it).
     */
    public static void write(Path file, TrainingState state, byte[] parameters, AdamOptimizer optimizer)
            throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        try (AtomicTarget target = AtomicTarget.file(file)) {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(target.temp()));
                    ZipOutputStream zip = new ZipOutputStream(os)) {
                zip.putNextEntry(new ZipEntry(STATE));
                zip.write(GSON.toJson(new StateFile(FORMAT, state)).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(PARAMETERS));
                zip.write(parameters);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(OPTIMIZER));
                DataOutputStream data = new DataOutputStream(zip);
                optimizer.save(data);
                data.flush();
                zip.closeEntry();
            }
            target.commit();
        }
    }

    /** Reads only the counters and history of a checkpoint. */
    public static TrainingState readState(Path file) throws IOException {
        return parseState(file, readEntries(file).get(STATE));
    }

    /**
     * Restores a checkpoint into an initialized model and an optimizer.
     *
     * @return the stored counters and history
     * @throws IOException if the file is missing, not a checkpoint, or its parameters do not fit the model
     */
    public static TrainingState restore(Path file, Block model, NDManager manager, AdamOptimizer optimizer)
            throws IOException {
        Map<String, byte[]> entries = readEntries(file);
        TrainingState state = parseState(file, entries.get(STATE));
        byte[] parameters = require(file, entries, PARAMETERS);
        byte[] moments = require(file, entries, OPTIMIZER);
        loadParameterBytes(model, manager, parameters, file.toString());
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(moments))) {
            optimizer.load(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException("optimizer state in checkpoint " + file + " cannot be read: " + e.getMessage(), e);
        }
        return state;
    }

    /** Loads only the model parameters of a checkpoint (e.g. the best one after training). */
    public static void loadParameters(Path file, Block model, NDManager manager) throws IOException {
        loadParameterBytes(model, manager, require(file, readEntries(file), PARAMETERS), file.toString());
    }

    private static Map<String, byte[]> readEntries(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("checkpoint " + file + " does not exist");
        }
        Map<String, byte[]> entries = new HashMap<>();
        try (InputStream is = new BufferedInputStream(Files.newInputStream(file));
                ZipInputStream zip = new ZipInputStream(is)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        if (!entries.containsKey(STATE)) {
            throw new IOException("file " + file + " is not a training checkpoint (no " + STATE + ")");
        }
        return entries;
    }

    private static byte[] require(Path file, Map<String, byte[]> entries, String name) throws IOException {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new IOException("checkpoint " + file + " lacks its " + name + " entry");
        }
        return bytes;
    }

    private static TrainingState parseState(Path file, byte[] json) throws IOException {
        StateFile parsed;
        try {
            parsed = GSON.fromJson(new String(json, StandardCharsets.UTF_8), StateFile.class);
        } catch (JsonParseException e) {
            throw new IOException("checkpoint " + file + " has an unreadable " + STATE + ": " + e.getMessage(), e);
        }
        if (parsed == null || parsed.format() != FORMAT || parsed.state() == null) {
            throw new IOException("checkpoint " + file + " has format " + (parsed == null ? "?" : parsed.format())
                    + ", expected " + FORMAT);
        }
        return parsed.state();
    }

    private record StateFile(int format, TrainingState state) {
    }
}
