package org.emsym.engine.metrics;

import java.util.Arrays;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.Volumes;

/**
 * Connected components of binary masks, by breadth-first flood fill: 2-D per section with 4- or
 * 8-connectivity, or 3-D with 6-connectivity (faces only, the usual choice for anisotropic EM stacks).
 * Foreground is a value strictly greater than the threshold.
 */
public final class ConnectedComponents {

    /** Which neighbours join a component within a section. */
    public enum Connectivity2D {
        /** Edge neighbours only. */
        FOUR,
        /** Edge and corner neighbours. */
        EIGHT
    }

    private static final int[][] FOUR_OFFSETS = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    private static final int[][] EIGHT_OFFSETS = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0},
        {1, 1}};

    private ConnectedComponents() {
    }

    /** Components of one section; the result has a single section. */
    public static ComponentLabels label2d(float[] values, double threshold, int height, int width,
                                          Connectivity2D connectivity) {
        if (values.length != height * width) {
            throw new IllegalArgumentException("section has " + values.length + " values, expected " + height
                    + " x " + width);
        }
        int[] labels = new int[values.length];
        int count = fillSection(values, threshold, height, width, connectivity, labels, 0);
        return new ComponentLabels(new int[][] {labels}, count);
    }

    /**
     * 2-D components of every section of a volume, numbered on across sections so that every label is
     * unique in the volume (a cell cut by two sections gets two labels).
     */
    public static ComponentLabels labelSections(Volume mask, double threshold, Connectivity2D connectivity) {
        VolumeShape shape = mask.shape();
        int[][] sections = new int[shape.depth()][];
        int[] next = {0};
        Volumes.forEachSection(mask, (z, section) -> {
            sections[z] = new int[section.length];
            next[0] = fillSection(section, threshold, shape.height(), shape.width(), connectivity, sections[z],
                    next[0]);
        });
        return new ComponentLabels(sections, next[0]);
    }

    /** 3-D components with 6-connectivity; the mask of the whole volume is held in memory. */
    public static ComponentLabels label3d(Volume mask, double threshold) {
        VolumeShape shape = mask.shape();
        int[][] labels = new int[shape.depth()][];
        boolean[][] foreground = new boolean[shape.depth()][];
        Volumes.forEachSection(mask, (z, section) -> {
            foreground[z] = new boolean[section.length];
            for (int i = 0; i < section.length; i++) {
                foreground[z][i] = section[i] > threshold;
            }
            labels[z] = new int[section.length];
        });
        int height = shape.height();
        int width = shape.width();
        int count = 0;
        IntStack stack = new IntStack();
        for (int z = 0; z < shape.depth(); z++) {
            for (int i = 0; i < shape.sectionSize(); i++) {
                if (!foreground[z][i] || labels[z][i] != 0) {
                    continue;
                }
                int label = ++count;
                labels[z][i] = label;
                stack.push(z);
                stack.push(i);
                while (!stack.isEmpty()) {
                    int ci = stack.pop();
                    int cz = stack.pop();
                    int y = ci / width;
                    int x = ci % width;
                    visit3d(foreground, labels, stack, label, cz - 1, ci, shape.depth());
                    visit3d(foreground, labels, stack, label, cz + 1, ci, shape.depth());
                    if (y > 0) {
                        visit3d(foreground, labels, stack, label, cz, ci - width, shape.depth());
                    }
                    if (y < height - 1) {
                        visit3d(foreground, labels, stack, label, cz, ci + width, shape.depth());
                    }
                    if (x > 0) {
                        visit3d(foreground, labels, stack, label, cz, ci - 1, shape.depth());
                    }
                    if (x < width - 1) {
                        visit3d(foreground, labels, stack, label, cz, ci + 1, shape.depth());
                    }
                }
            }
        }
        return new ComponentLabels(labels, count);
    }

    private static void visit3d(boolean[][] foreground, int[][] labels, IntStack stack, int label, int z, int i,
                                int depth) {
        if (z >= 0 && z < depth && foreground[z][i] && labels[z][i] == 0) {
            labels[z][i] = label;
            stack.push(z);
            stack.push(i);
        }
    }

    /** Labels one section in place starting after {@code firstLabel}; returns the last label used. */
    private static int fillSection(float[] values, double threshold, int height, int width,
                                   Connectivity2D connectivity, int[] labels, int firstLabel) {
        int[][] offsets = connectivity == Connectivity2D.FOUR ? FOUR_OFFSETS : EIGHT_OFFSETS;
        int label = firstLabel;
        IntStack stack = new IntStack();
        for (int start = 0; start < values.length; start++) {
            if (!(values[start] > threshold) || labels[start] != 0) {
                continue;
            }
            label++;
            labels[start] = label;
            stack.push(start);
            while (!stack.isEmpty()) {
                int i = stack.pop();
                int y = i / width;
                int x = i % width;
                for (int[] d : offsets) {
                    int ny = y + d[0];
                    int nx = x + d[1];
                    if (ny >= 0 && ny < height && nx >= 0 && nx < width) {
                        int n = ny * width + nx;
                        if (values[n] > threshold && labels[n] == 0) {
                            labels[n] = label;
                            stack.push(n);
                        }
                    }
                }
            }
        }
        return label;
    }

    /** A growable stack of ints without boxing. */
    private static final class IntStack {
        private int[] data = new int[256];
        private int size;

        void push(int value) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = value;
        }

        int pop() {
            return data[--size];
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
