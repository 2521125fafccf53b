package org.emsym.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Adam / AdamW on NDArrays with state that can be saved and restored (DJL's built-in optimizers keep
 * their moments private, so a resumed run could not continue them).
 *
 * <p>Per parameter key it holds the first and second moments {@code m}, {@code v} and its own step count
 * {@code t} (a parameter frozen for some epochs does not advance). One update, with gradient {@code g}:
 * <pre>
 *   ADAM:  g += wd * w                      (L2 regularization)
 *   m = b1*m + (1-b1)*g;  v = b2*v + (1-b2)*g^2;  t += 1
 *   ADAMW: w *= 1 - lr*wd                   (decoupled decay)
 *   w -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)
 * </pre>
 * which is what {@code torch.optim.Adam}/{@code AdamW} compute. The state arrays live in a sub-manager
 * of the manager given at construction; temporaries of an update are closed before it returns.
 */
public final class AdamOptimizer implements AutoCloseable {

    private static final int FORMAT = 1;

    private final OptimizerType type;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final NDManager stateManager;
    private final Map<String, Moments> state = new LinkedHashMap<>();

    /** With the usual {@code beta1 = 0.9}, {@code beta2 = 0.999}, {@code eps = 1e-8}. */
    public AdamOptimizer(NDManager parent, OptimizerType type, double weightDecay) {
        this(parent, type, 0.9, 0.999, 1e-8, weightDecay);
    }

    public AdamOptimizer(NDManager parent, OptimizerType type, double beta1, double beta2, double epsilon,
            double weightDecay) {
        this.type = Objects.requireNonNull(type, "type");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("invalid Adam settings: beta1=" + beta1 + ", beta2=" + beta2
                    + ", epsilon=" + epsilon + ", weightDecay=" + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.stateManager = parent.newSubManager();
        stateManager.setName("adam-state");
    }

    /**
     * Updates {@code weight} in place. Call outside a gradient collector (the weight is a leaf).
     *
     * @param key stable name of the parameter (state is kept per key)
     * @param decay whether weight decay applies to this parameter (usually not to biases and norms)
     */
    public void update(String key, NDArray weight, NDArray gradient, double learningRate, boolean decay) {
        if (!weight.getShape().equals(gradient.getShape())) {
            throw new IllegalArgumentException("gradient " + gradient.getShape() + " does not match parameter '"
                    + key + "' of shape " + weight.getShape());
        }
        Moments s = state.computeIfAbsent(key, k -> new Moments(zerosLike(weight), zerosLike(weight), 0));
        if (!s.m.getShape().equals(weight.getShape())) {
            throw new IllegalStateException("optimizer state of '" + key + "' has shape " + s.m.getShape()
                    + ", parameter has " + weight.getShape());
        }
        s.steps++;
        double wd = decay ? weightDecay : 0;
        // scalars go in as float so that no float64 temporaries arise (as torch does with Python scalars)
        try (NDManager scope = stateManager.newSubManager(weight.getDevice())) {
            scope.tempAttachAll(weight, gradient, s.m, s.v);
            NDArray g = type == OptimizerType.ADAM && wd > 0 ? gradient.add(weight.mul((float) wd)) : gradient;
            s.m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            s.v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            if (type == OptimizerType.ADAMW && wd > 0) {
                weight.muli((float) (1 - learningRate * wd));
            }
            double correction1 = 1 - Math.pow(beta1, s.steps);
            double correction2 = 1 - Math.pow(beta2, s.steps);
            NDArray denominator = s.v.div((float) correction2).sqrt().add((float) epsilon);
            weight.subi(s.m.mul((float) (learningRate / correction1)).div(denominator));
        }
    }

    /** Updates done so far for {@code key} (0 if never updated). */
    public long steps(String key) {
        Moments s = state.get(key);
        return s == null ? 0 : s.steps;
    }

    public OptimizerType type() {
        return type;
    }

    /** Writes every key's moments and step count. */
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(FORMAT);
        out.writeInt(state.size());
        for (Map.Entry<String, Moments> e : state.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue().steps);
            writeArray(out, e.getValue().m);
            writeArray(out, e.getValue().v);
        }
    }

    /** Replaces the whole state by what {@link #save} wrote. */
    public void load(DataInputStream in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("unsupported optimizer state format " + format + " (expected " + FORMAT + ")");
        }
        int count = in.readInt();
        Map<String, Moments> loaded = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readUTF();
            long steps = in.readLong();
            NDArray m = readArray(in);
            NDArray v = readArray(in);
            loaded.put(key, new Moments(m, v, steps));
        }
        clearState();
        state.putAll(loaded);
    }

    private NDArray zerosLike(NDArray weight) {
        return stateManager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private NDArray readArray(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt optimizer state: negative array length");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("corrupt optimizer state: truncated array");
        }
        return NDArray.decode(stateManager, bytes);
    }

    private void clearState() {
        for (Moments s : state.values()) {
            s.m.close();
            s.v.close();
        }
        state.clear();
    }

    @Override
    public void close() {
        clearState();
        stateManager.close();
    }

    private static final class Moments {
        final NDArray m;
        final NDArray v;
        long steps;

        Moments(NDArray m, NDArray v, long steps) {
            this.m = m;
            this.v = v;
            this.steps = steps;
        }
    }
}
