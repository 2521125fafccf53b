package org.emsym.engine.model.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.util.AtomicFiles;

/** Writes float32 tensors as a NumPy {@code .npz} archive (deflated entries), atomically. */
public final class NpzWriter {

    private NpzWriter() {
    }

    public static void write(Path file, Collection<NamedTensor> tensors) throws IOException {
        Set<String> seen = new HashSet<>();
        for (NamedTensor t : tensors) {
            if (!seen.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "' for " + file);
            }
        }
        AtomicFiles.write(file, raw -> {
            ZipOutputStream zip = new ZipOutputStream(raw);
            for (NamedTensor t : tensors) {
                zip.putNextEntry(new ZipEntry(t.name() + ".npy"));
                zip.write(Npy.encode(t));
                zip.closeEntry();
            }
            zip.finish();
        });
    }
}
