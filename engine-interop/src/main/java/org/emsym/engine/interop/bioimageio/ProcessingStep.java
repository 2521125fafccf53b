package org.emsym.engine.interop.bioimageio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One pre- or postprocessing operation of a bioimage.io tensor description ({@code id} and {@code kwargs}),
 * with the description field it came from ({@code inputs[0].preprocessing[1]}) so that errors name it.
 *
 * <p>Supported ids are the element-wise ones and those whose statistics a whole volume gives
 * ({@link Preprocessing}, {@link Postprocessing} say which apply where): {@code ensure_dtype} (float32/float64),
 * {@code scale_linear} (one gain and offset), {@code clip} (fixed bounds), {@code sigmoid}, {@code softmax}
 * (over the channel axis), {@code binarize} (one threshold), {@code zero_mean_unit_variance},
 * {@code fixed_zero_mean_unit_variance} (one mean and std) and {@code scale_range} (percentiles of the tensor
 * itself). Anything else is refused with an {@link IOException} that names the field.
 */
public record ProcessingStep(String id, JsonNode kwargs, String field) {

    /** Default {@code eps} of {@code zero_mean_unit_variance} and {@code scale_range} in the spec. */
    public static final double DEFAULT_EPS = 1e-6;

    public ProcessingStep {
        Objects.requireNonNull(id, "id");
        kwargs = kwargs == null || kwargs.isNull() ? JsonNodeFactory.instance.objectNode() : kwargs;
        Objects.requireNonNull(field, "field");
    }

    /** A step for writing: {@code id} with {@code kwargs} (may be empty). */
    public static ProcessingStep of(String id, ObjectNode kwargs) {
        return new ProcessingStep(id, kwargs, id);
    }

    /** Parses the list at {@code node} (null or missing: none); {@code field} is its path in the description. */
    static List<ProcessingStep> parseList(JsonNode node, String field) throws IOException {
        List<ProcessingStep> steps = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return steps;
        }
        if (!node.isArray()) {
            throw new IOException(field + " must be a list of operations, got " + node);
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode op = node.get(i);
            String where = field + "[" + i + "]";
            JsonNode id = op.get("id");
            if (id == null || !id.isTextual()) {
                throw new IOException(where + " has no 'id' naming the operation");
            }
            steps.add(new ProcessingStep(id.asText(), op.get("kwargs"), where));
        }
        return steps;
    }

    /** A number kwarg, or {@code fallback} when absent or null. */
    double number(String name, double fallback) throws IOException {
        JsonNode v = kwargs.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw unsupported(name, v, "one number (per-channel lists are not supported)");
        }
        return v.asDouble();
    }

    /** A required number kwarg. */
    double requiredNumber(String name) throws IOException {
        JsonNode v = kwargs.get(name);
        if (v == null || v.isNull()) {
            throw new IOException(field + ".kwargs." + name + " is required by '" + id + "'");
        }
        return number(name, Double.NaN);
    }

    /** Refuses a kwarg that is set to something other than null. */
    void requireAbsent(String name, String why) throws IOException {
        JsonNode v = kwargs.get(name);
        if (v != null && !v.isNull()) {
            throw unsupported(name, v, why);
        }
    }

    /**
     * Checks the {@code axes} kwarg of a statistics operation: statistics are taken over the whole volume
     * (all sections and channels), so the axes must include both spatial axes {@code y} and {@code x}
     * (null, the spec's default, means all axes).
     */
    void requireSpatialAxes() throws IOException {
        JsonNode axes = kwargs.get("axes");
        if (axes == null || axes.isNull()) {
            return;
        }
        List<String> names = new ArrayList<>();
        axes.forEach(a -> names.add(a.asText().toLowerCase(Locale.ROOT)));
        if (!names.contains("x") || !names.contains("y")) {
            throw unsupported("axes", axes, "axes that include y and x (statistics over whole sections; EMSym"
                    + " computes them over the whole volume)");
        }
    }

    /** The {@code ensure_dtype} target, accepted when it is a float type (EMSym computes in float32). */
    void requireFloatDtype() throws IOException {
        JsonNode v = kwargs.get("dtype");
        String dtype = v == null ? "" : v.asText();
        if (!dtype.equals("float32") && !dtype.equals("float64")) {
            throw unsupported("dtype", v, "float32 or float64");
        }
    }

    IOException unsupported(String kwarg, JsonNode value, String supported) {
        return new IOException(field + ".kwargs." + kwarg + " = " + value + " of '" + id + "' is not supported;"
                + " EMSym supports " + supported);
    }

    IOException unsupportedHere(String where) {
        return new IOException(field + ": operation '" + id + "' is not supported in " + where);
    }

    /** {@code v * gain + offset} of {@code scale_linear}. */
    static float linear(float v, double gain, double offset) {
        return (float) (v * gain + offset);
    }

    /** {@code min(max(v, lo), hi)}; NaN stays NaN. */
    static float clip(float v, double lo, double hi) {
        return (float) (v < lo ? lo : v > hi ? hi : v);
    }
}
