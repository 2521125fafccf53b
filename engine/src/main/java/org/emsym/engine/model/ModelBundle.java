package org.emsym.engine.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.emsym.engine.util.AtomicTarget;
import org.emsym.engine.util.FileChecksums;

/**
 * A trained (or freshly initialized) U-Net stored as a folder: {@code model.json} ({@link ModelMetadata}) and
 * {@code model.params} (DJL's parameter format, {@code Block.saveParameters}). Saving writes a sibling temp
 * folder and moves it into place, so a bundle is never seen half-written. Loading rebuilds the network from
 * the metadata (encoders via {@link EncoderRegistry}), checks parameter names, shapes and the parameter
 * file's checksum against the metadata, and fails naming the bundle and the parameter at fault.
 */
public final class ModelBundle {

    public static final int FORMAT_VERSION = 1;
    public static final String METADATA_FILE = "model.json";
    public static final String PARAMETERS_FILE = "model.params";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    private final UNet network;
    private final ModelMetadata metadata;

    private ModelBundle(UNet network, ModelMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
    }

    public UNet network() {
        return network;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * Saves an initialized network with its metadata to {@code folder} (replacing an existing bundle there).
     *
     * @param metadata must describe {@code network} (encoder, channels, classes, decoder); parameter list and
     *     checksum are filled in here
     * @return the metadata as written
     */
    public static ModelMetadata save(Path folder, UNet network, ModelMetadata metadata) throws IOException {
        ModelMetadata expected = ModelMetadata.describe(network);
        if (!Objects.equals(expected.encoder(), metadata.encoder()) || expected.inChannels() != metadata.inChannels()
                || expected.classes() != metadata.classes() || !Arrays.equals(expected.decoderChannels(), metadata.decoderChannels())
                || !expected.upsampling().equals(metadata.upsampling())) {
            throw new IllegalArgumentException("metadata does not describe the network " + network + ": " + metadata);
        }
        Path target = folder.toAbsolutePath();
        checkOutput(target, true);
        Files.createDirectories(target.getParent());
        try (AtomicTarget t = AtomicTarget.replacingFolder(target)) {
            Path tmp = t.temp();
            Path params = tmp.resolve(PARAMETERS_FILE);
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(params)))) {
                network.saveParameters(out);
            }
            ModelMetadata full = metadata.withParameters(parameterEntries(network), FileChecksums.sha256(params));
            Files.writeString(tmp.resolve(METADATA_FILE), GSON.toJson(full), StandardCharsets.UTF_8);
            t.commit();
            return full;
        }
    }

    /**
     * Checks, before any compute, that a bundle may be written to {@code folder}: it must be absent, an empty
     * folder, or a folder holding only an earlier bundle ({@value #METADATA_FILE}, {@value #PARAMETERS_FILE}),
     * and the latter only when {@code overwrite}. Anything else (a file, a folder with other files) is refused,
     * so saving never deletes data that is not a bundle.
     *
     * @throws IllegalArgumentException naming the path and what is there
     */
    public static void checkOutput(Path folder, boolean overwrite) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Path parent = folder.toAbsolutePath().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            if (parent != null && (!Files.isDirectory(parent) || !Files.isWritable(parent))) {
                throw new IllegalArgumentException(folder + ": cannot create the model bundle folder there ("
                        + parent + " is " + (Files.isDirectory(parent) ? "not writable" : "not a folder") + ")");
            }
            return;
        }
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(folder + " is a file, not a model bundle folder; refusing to replace it"
                    + " (give a new folder name)");
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(folder)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (names.isEmpty()) {
            return;
        }
        boolean bundle = names.contains(METADATA_FILE)
                && names.stream().allMatch(n -> n.equals(METADATA_FILE) || n.equals(PARAMETERS_FILE));
        if (!bundle) {
            throw new IllegalArgumentException(folder + " is a folder holding other files (" + String.join(", ",
                    names.subList(0, Math.min(3, names.size()))) + (names.size() > 3 ? ", ..." : "")
                    + "), not a model bundle; refusing to replace it (give an empty or new folder)");
        }
        if (!overwrite) {
            throw new IllegalArgumentException(folder + " already holds a model bundle; give --overwrite to replace it");
        }
        if (!Files.isWritable(folder.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException(folder + ": cannot replace the model bundle (folder "
                    + folder.toAbsolutePath().getParent() + " is not writable)");
        }
    }

    /**
     * Loads a bundle: rebuilds the network under {@code manager} and fills in its parameters.
     *
     * @throws IOException naming the bundle when a file is missing, unreadable, corrupted or does not match
     */
    public static ModelBundle load(Path folder, NDManager manager) throws IOException {
        return load(folder, manager, EncoderRegistry.defaultRegistry());
    }

    public static ModelBundle load(Path folder, NDManager manager, EncoderRegistry encoders) throws IOException {
        ModelMetadata meta = readMetadata(folder);
        Path params = folder.resolve(PARAMETERS_FILE);
        if (!Files.isRegularFile(params)) {
            throw new NoSuchFileException(params.toString(), null, "model bundle " + folder + " has no " + PARAMETERS_FILE);
        }
        String sha = FileChecksums.sha256(params);
        if (!sha.equals(meta.parametersSha256())) {
            throw new IOException("model bundle " + folder + " is corrupted: " + PARAMETERS_FILE + " has SHA-256 " + sha
                    + ", " + METADATA_FILE + " records " + meta.parametersSha256());
        }
        UNet net;
        try {
            net = UNet.builder().setEncoder(encoders.create(meta.encoder(), meta.inChannels()))
                    .optDecoderChannels(meta.decoderChannels()).optUpsampling(Upsampling.valueOf(meta.upsampling()))
                    .optClasses(meta.classes()).build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("model bundle " + folder + " describes a network that cannot be built: " + e.getMessage(), e);
        }
        int m = net.sizeMultiple();
        net.initialize(manager, DataType.FLOAT32, new Shape(1, meta.inChannels(), m, m));
        checkParameters(folder, meta.parameters(), parameterEntries(net), "the network rebuilt from " + METADATA_FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(params)))) {
            net.loadParameters(manager, in);
        } catch (MalformedModelException | RuntimeException e) {
            throw new IOException("model bundle " + folder + ": cannot load " + PARAMETERS_FILE + ": " + e.getMessage(), e);
        }
        checkParameters(folder, meta.parameters(), parameterEntries(net), PARAMETERS_FILE);
        return new ModelBundle(net, meta);
    }

    /** Reads and validates only the metadata of a bundle. */
    public static ModelMetadata readMetadata(Path folder) throws IOException {
        Path json = folder.resolve(METADATA_FILE);
        if (!Files.exists(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "model bundle folder does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString(), null, "not a model bundle (a file, not a folder)");
        }
        if (!Files.isRegularFile(json)) {
            throw new NoSuchFileException(json.toString(), null, "not a model bundle (no " + METADATA_FILE + " in the folder)");
        }
        ModelMetadata meta;
        try {
            meta = GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8), ModelMetadata.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException("model bundle " + folder + " has an unreadable " + METADATA_FILE + ": " + e.getMessage(), e);
        }
        if (meta == null || meta.formatVersion() != FORMAT_VERSION || meta.encoder() == null || meta.decoderChannels() == null
                || meta.upsampling() == null || meta.parametersSha256() == null) {
            throw new IOException("model bundle " + folder + ": " + METADATA_FILE + " is incomplete or of an unsupported format version"
                    + " (expected " + FORMAT_VERSION + ")");
        }
        return meta;
    }

    private static List<ModelMetadata.ParameterEntry> parameterEntries(UNet net) {
        List<ModelMetadata.ParameterEntry> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            out.add(new ModelMetadata.ParameterEntry(p.getKey(), p.getValue().getArray().getShape().getShape()));
        }
        return out;
    }

    private static void checkParameters(Path folder, List<ModelMetadata.ParameterEntry> recorded,
            List<ModelMetadata.ParameterEntry> actual, String what) throws IOException {
        for (int i = 0; i < Math.max(recorded.size(), actual.size()); i++) {
            ModelMetadata.ParameterEntry r = i < recorded.size() ? recorded.get(i) : null;
            ModelMetadata.ParameterEntry a = i < actual.size() ? actual.get(i) : null;
            if (!Objects.equals(r, a)) {
                throw new IOException("model bundle " + folder + ": parameter " + (r != null ? r : a) + " in " + METADATA_FILE
                        + " does not match " + what + " (" + (a == null ? "absent" : a.toString()) + ")");
            }
        }
    }
}
