package org.emsym.engine.volume.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A volume file or folder that cannot be read or written as asked. The message always names the file
 * and, where it applies, the dataset, section or shape at fault.
 */
public class VolumeFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public VolumeFormatException(String message) {
        super(message);
    }

    public VolumeFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code "<file>: <problem>"}, the form every reader and writer uses. */
    public static VolumeFormatException of(Path file, String problem) {
        return new VolumeFormatException(file + ": " + problem);
    }

    public static VolumeFormatException of(Path file, String problem, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new VolumeFormatException(file + ": " + problem + " (" + detail + ")", cause);
    }
}
