package org.emsym.engine.model.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emsym.engine.model.NamedTensor;
import org.emsym.engine.util.AtomicFiles;

/**
 * The NumPy {@code .npy} array format (versions 1-3): magic, header dict with {@code descr},
 * {@code fortran_order} and {@code shape}, raw data. Decodes float16/32/64 and integers (as float, e.g. torch's int64
 * {@code num_batches_tracked}) of either byte order
 * (Fortran order is transposed to row-major) and encodes little-endian float32. The project's one home for
 * {@code .npy}: the {@code .npz} reader and writer use it for their entries, bioimage.io packages for their test
 * tensors ({@link #read(Path)}, {@link #write(Path, NamedTensor)}).
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    /**
     * Reads one {@code .npy} file as float32 (named after the file).
     *
     * @throws IOException naming the file when it is missing or not a readable .npy array
     */
    public static NamedTensor read(Path file) throws IOException {
        return decode(String.valueOf(file.getFileName()), Files.readAllBytes(file), file.toString());
    }

    /** Writes {@code tensor} as a little-endian float32 {@code .npy} file, atomically (temp file, then move). */
    public static void write(Path file, NamedTensor tensor) throws IOException {
        AtomicFiles.write(file, encode(tensor));
    }

    /** Decodes one .npy file's bytes; {@code where} names the array and file in errors. */
    static NamedTensor decode(String name, byte[] bytes, String where) throws IOException {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new IOException(where + " is not a .npy array (bad magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(b.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = b.getInt(8);
            headerStart = 12;
        } else {
            throw new IOException(where + " has unsupported .npy version " + major);
        }
        if (headerLen < 0 || headerStart + headerLen > bytes.length) {
            throw new IOException(where + " has a truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr", where);
        boolean fortran = group(FORTRAN, header, "fortran_order", where).equals("True");
        long[] shape = parseShape(group(SHAPE, header, "shape", where), where);
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String kind = descr.substring(1);
        int width = switch (kind) {
            case "f2", "i2" -> 2;
            case "f4", "i4" -> 4;
            case "f8", "i8" -> 8;
            case "u1", "i1", "b1" -> 1;
            default -> throw new IOException(where + " has dtype " + descr + "; float16/32/64 and integer arrays are read");
        };
        long count = 1;
        for (long d : shape) {
            count *= d;
        }
        int dataStart = headerStart + headerLen;
        if ((long) bytes.length - dataStart != count * width) {
            throw new IOException(where + " holds " + (bytes.length - dataStart) + " data bytes, shape " + Arrays.toString(shape)
                    + " of " + descr + " needs " + count * width);
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice().order(order);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (kind) {
                case "f2" -> HalfPrecision.halfToFloat(data.getShort());
                case "f4" -> data.getFloat();
                case "f8" -> (float) data.getDouble();
                case "i2" -> data.getShort();
                case "i4" -> data.getInt();
                case "i8" -> data.getLong();
                case "i1" -> data.get();
                default -> Byte.toUnsignedInt(data.get());
            };
        }
        return new NamedTensor(name, shape, fortran ? fortranToC(values, shape) : values);
    }

    /** Encodes little-endian float32, C order, version 1.0. */
    static byte[] encode(NamedTensor t) throws IOException {
        StringBuilder shape = new StringBuilder();
        for (long d : t.shape()) {
            shape.append(d).append(", ");
        }
        String dims = t.shape().length == 1 ? shape.toString().trim() : shape.length() == 0 ? "" : shape.substring(0, shape.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        // Pad so that magic + version + length + header is a multiple of 64, ending in '\n' (as numpy does).
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + 4 * t.values().length);
        out.write(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >>> 8);
        out.write(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(t.values());
        out.write(b.array());
        return out.toByteArray();
    }

    private static String group(Pattern p, String header, String key, String where) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(where + " has a .npy header without '" + key + "': " + header.trim());
        }
        return m.group(1);
    }

    private static long[] parseShape(String s, String where) throws IOException {
        String[] parts = s.split(",");
        long[] shape = Arrays.stream(parts).map(String::trim).filter(x -> !x.isEmpty()).mapToLong(x -> {
            try {
                return Long.parseLong(x.replace("L", ""));
            } catch (NumberFormatException e) {
                return -1;
            }
        }).toArray();
        for (long d : shape) {
            if (d < 0) {
                throw new IOException(where + " has an unreadable shape (" + s + ")");
            }
        }
        return shape;
    }

    /** Column-major values to row-major. */
    private static float[] fortranToC(float[] f, long[] shape) {
        int n = shape.length;
        float[] c = new float[f.length];
        int[] idx = new int[n];
        for (int i = 0; i < c.length; i++) {
            // i is the row-major index of idx; find its column-major position
            long pos = 0;
            long stride = 1;
            for (int d = 0; d < n; d++) {
                pos += idx[d] * stride;
                stride *= shape[d];
            }
            c[i] = f[(int) pos];
            for (int d = n - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return c;
    }
}
