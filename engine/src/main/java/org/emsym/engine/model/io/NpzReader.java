package org.emsym.engine.model.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.model.PretrainedWeights;
import org.emsym.engine.util.FileChecksums;

/**
 * Reads a NumPy {@code .npz} archive (what {@code numpy.savez} writes: a zip of {@code name.npy} entries,
 * stored or deflated) into float32 tensors named after the entries without {@code .npy}.
 */
public final class NpzReader {

    public static final String FORMAT = "npz";

    private NpzReader() {
    }

    public static PretrainedWeights read(Path file) throws IOException {
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String entry = e.getName();
                String name = entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
                byte[] bytes;
                try (InputStream in = zip.getInputStream(e)) {
                    bytes = in.readAllBytes();
                }
                tensors.put(name, Npy.decode(name, bytes, "array '" + entry + "' in " + file));
            }
        } catch (ZipException e) {
            throw new IOException("not an .npz (zip) file: " + file + " (" + e.getMessage() + ")", e);
        }
        return new PretrainedWeights(FORMAT, file.toString(), FileChecksums.sha256(file), tensors);
    }
}
