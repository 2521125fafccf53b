package org.emsym.engine.cli;

import org.emsym.engine.volume.VolumeShape;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code DEPTHxHEIGHTxWIDTH}, e.g. {@code 24x256x256}, into a {@link VolumeShape}. */
final class ShapeConverter implements ITypeConverter<VolumeShape> {

    /**
     * Three positive sizes {@code AxBxC}.
     *
     * @throws IllegalArgumentException naming {@code option} and the value
     */
    static int[] sizes(String value, String option) {
        String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x");
        int[] r = new int[3];
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            for (int i = 0; i < 3; i++) {
                r[i] = Integer.parseInt(parts[i].trim());
                if (r[i] <= 0) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + value
                    + "' is not DEPTHxHEIGHTxWIDTH of positive sizes, e.g. 16x256x256");
        }
        return r;
    }

    @Override
    public VolumeShape convert(String value) {
        String[] parts = value.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 3) {
                return new VolumeShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                        Integer.parseInt(parts[2].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a valid shape: " + e.getMessage());
        }
        throw new TypeConversionException("'" + value + "' is not a shape DEPTHxHEIGHTxWIDTH, e.g. 24x256x256");
    }
}
