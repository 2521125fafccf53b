package org.emsym.engine.predict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.PixelType;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.volume.io.ZarrWriter;
import org.emsym.engine.window.StackWindower;
import org.emsym.engine.window.Tile;
import org.emsym.engine.window.TileBlender;
import org.emsym.engine.window.Tiling;
import org.emsym.engine.window.Window;

/**
 * Block-wise prediction into a chunked Zarr output, equal to what the {@link TiledVolumePredictor} computes
 * for the whole volume in one JVM. The output is split into blocks of whole chunks ({@link #plan}); each
 * block ({@link #predictBlock}) is computed from the image alone and writes only its own chunks, so blocks
 * can run in any order, in any number of tasks, and no two of them write the same chunk.
 *
 * <p>How a block stays exact: along z its windows come from a {@link StackWindower} over a view with the
 * whole volume's depth, so the boundary mode and the k neighbour sections (the z halo) are those of the
 * one-JVM run. In y and x it uses the tiles of the <em>whole-volume</em> tiling that touch the block, in the
 * whole tiling's order, on the image cropped to the union of those tiles (the xy halo). Every tile that covers
 * a block voxel touches the block, so each voxel gets the same tile predictions, the same blend weights and
 * the same summation order as in the whole-volume blend; only the model's batching differs.
 *
 * <p>Idempotent: a block is done when all its chunks exist (chunks are written atomically), and
 * {@link #predictMissing} computes only blocks that are not done, so a rerun after a failure finishes the
 * remainder. A block interrupted half-way is recomputed whole and rewrites the same values.
 *
 * <p>Reads whole sections of the image (the {@link Volume} API reads slabs) and keeps the block's cropped
 * input sections and output; memory grows with the block, not with the volume. As thread-safe as the
 * predictor's model (usually not): one instance per thread.
 */
public final class BlockwisePredictor {

    private final TiledVolumePredictor predictor;
    private final int[] blockChunks;
    private long blocksComputed;

    /**
     * @param predictor the one-JVM predictor whose result the blocks reproduce (model, window, tiling, blend,
     *     section transform, output class)
     * @param chunksZ chunks per block along z (likewise {@code chunksY}, {@code chunksX}); all positive
     */
    public BlockwisePredictor(TiledVolumePredictor predictor, int chunksZ, int chunksY, int chunksX) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        if (chunksZ <= 0 || chunksY <= 0 || chunksX <= 0) {
            throw new IllegalArgumentException("chunks per block must be positive, got " + chunksZ + " x " + chunksY
                    + " x " + chunksX);
        }
        this.blockChunks = new int[] {chunksZ, chunksY, chunksX};
    }

    public TiledVolumePredictor predictor() {
        return predictor;
    }

    /** Blocks computed by this instance so far (skipped blocks do not count). */
    public long blocksComputed() {
        return blocksComputed;
    }

    /**
     * The FLOAT32 probability array at {@code dir}: created (metadata only) when absent, opened when a
     * previous run made it, which must have the same shape, chunks and type.
     *
     * @param chunks chunk shape (z, y, x)
     * @param codec compressor of new chunks
     * @throws VolumeFormatException naming {@code dir} if an existing array does not match
     */
    public static ZarrArray openOrCreateOutput(Path dir, VolumeShape shape, int[] chunks, ZarrArray.Codec codec)
            throws IOException {
        if (chunks.length != 3 || chunks[0] <= 0 || chunks[1] <= 0 || chunks[2] <= 0) {
            throw VolumeFormatException.of(dir, "chunk shape must be three positive sizes (z, y, x), got "
                    + Arrays.toString(chunks));
        }
        return openOrCreateOutput(dir, shape, chunks, codec, ZarrFormat.V2);
    }

    /**
     * As {@link #openOrCreateOutput(Path, VolumeShape, int[], ZarrArray.Codec)}, creating a new array in
     * {@code format}; an existing array of either format is reused when it matches.
     */
    public static ZarrArray openOrCreateOutput(Path dir, VolumeShape shape, int[] chunks, ZarrArray.Codec codec,
                                               ZarrFormat format) throws IOException {
        if (chunks.length != 3 || chunks[0] <= 0 || chunks[1] <= 0 || chunks[2] <= 0) {
            throw VolumeFormatException.of(dir, "chunk shape must be three positive sizes (z, y, x), got "
                    + Arrays.toString(chunks));
        }
        if (ZarrArray.isArray(dir)) {
            ZarrArray existing = ZarrArray.open(dir);
            if (!existing.shape().equals(shape) || !Arrays.equals(existing.chunkShape(), chunks)
                    || existing.pixelType() != PixelType.FLOAT32) {
                throw VolumeFormatException.of(dir, "exists as a " + existing.pixelType() + " array of "
                        + existing.shape() + " in chunks " + Arrays.toString(existing.chunkShape())
                        + "; a rerun needs FLOAT32 " + shape + " in chunks " + Arrays.toString(chunks));
            }
            return existing;
        }
        Files.createDirectories(dir);
        return ZarrArray.create(dir, shape, chunks, PixelType.FLOAT32, codec, codec == ZarrArray.Codec.RAW ? 0 : 5,
                "/", format);
    }

    /**
     * Predicts {@code image} into the OME-Zarr image group {@code group}, block by block, without holding the
     * volume: the FLOAT32 probabilities go to {@code group/0} in the writer's chunks, format and compressor
     * ({@link #openOrCreateOutput}), every missing block is computed ({@link #predictMissing}), then the writer
     * adds the downsampled levels and the NGFF metadata ({@link ZarrWriter#writePyramid}), voxel size from the
     * image. Resumable: rerun on the same group after a failure, it computes only the blocks whose chunks are
     * missing. The group metadata is written last, so a group that has it is complete.
     *
     * @return the number of blocks computed
     * @throws VolumeFormatException naming {@code group} if it exists but holds something other than an earlier
     *     run's output of the same shape and chunks
     */
    public int predictImage(Volume image, Path group, ZarrWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        if (Files.isRegularFile(group)) {
            throw VolumeFormatException.of(group, "is a file; an OME-Zarr output is a folder");
        }
        Path level0 = group.resolve("0");
        if (Files.isDirectory(group) && !ZarrArray.isArray(level0)) {
            try (var entries = Files.list(group)) {
                if (entries.findAny().isPresent()) {
                    throw VolumeFormatException.of(group, "exists and is neither empty nor an earlier block-wise"
                            + " prediction (no array '0'); remove it or choose another path");
                }
            }
        }
        Files.createDirectories(level0);
        ZarrArray output = openOrCreateOutput(level0, image.shape(), writer.chunksFor(image.shape()),
                writer.compressor(), writer.format());
        int computed = predictMissing(image, output);
        writer.writePyramid(group, output, image.voxelSize());
        return computed;
    }

    /** The blocks covering {@code output}, z-major; together they hold every chunk exactly once. */
    public List<VolumeBlock> plan(ZarrArray output) {
        return plan(output, blockChunks[0], blockChunks[1], blockChunks[2]);
    }

    /**
     * The plan of {@link #plan(ZarrArray)} for blocks of {@code chunksZ x chunksY x chunksX} chunks, without a
     * predictor: for a driver that schedules blocks it does not compute (e.g. a cluster job).
     */
    public static List<VolumeBlock> plan(ZarrArray output, int chunksZ, int chunksY, int chunksX) {
        if (chunksZ <= 0 || chunksY <= 0 || chunksX <= 0) {
            throw new IllegalArgumentException("chunks per block must be positive, got " + chunksZ + " x " + chunksY
                    + " x " + chunksX);
        }
        int[] blockChunks = {chunksZ, chunksY, chunksX};
        int[] c = output.chunkShape();
        VolumeShape s = output.shape();
        int[] extent = {s.depth(), s.height(), s.width()};
        int[] counts = new int[3];
        for (int a = 0; a < 3; a++) {
            counts[a] = (output.chunkCount(a) + blockChunks[a] - 1) / blockChunks[a];
        }
        List<VolumeBlock> blocks = new ArrayList<>(counts[0] * counts[1] * counts[2]);
        for (int bz = 0; bz < counts[0]; bz++) {
            for (int by = 0; by < counts[1]; by++) {
                for (int bx = 0; bx < counts[2]; bx++) {
                    int[] b = {bz, by, bx};
                    int[] c0 = new int[3];
                    int[] c1 = new int[3];
                    int[] v0 = new int[3];
                    int[] v1 = new int[3];
                    for (int a = 0; a < 3; a++) {
                        c0[a] = b[a] * blockChunks[a];
                        c1[a] = Math.min(output.chunkCount(a), c0[a] + blockChunks[a]);
                        v0[a] = c0[a] * c[a];
                        v1[a] = Math.min(extent[a], c1[a] * c[a]);
                    }
                    blocks.add(new VolumeBlock(blocks.size(), c0[0], c1[0], c0[1], c1[1], c0[2], c1[2], v0[0], v1[0],
                            v0[1], v1[1], v0[2], v1[2]));
                }
            }
        }
        return blocks;
    }

    /** Whether every chunk of {@code block} is in {@code output}. */
    public static boolean isDone(ZarrArray output, VolumeBlock block) {
        for (int cz = block.cz0(); cz < block.cz1(); cz++) {
            for (int cy = block.cy0(); cy < block.cy1(); cy++) {
                for (int cx = block.cx0(); cx < block.cx1(); cx++) {
                    if (!output.hasChunk(cz, cy, cx)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Predicts every block of {@link #plan} that is not {@linkplain #isDone done}, in plan order, reporting
     * one progress step per block to the predictor's progress sink.
     *
     * @return the number of blocks computed
     */
    public int predictMissing(Volume image, ZarrArray output) throws IOException {
        List<VolumeBlock> blocks = plan(output);
        int computed = 0;
        for (VolumeBlock block : blocks) {
            predictor.cancellation().check();
            if (!isDone(output, block)) {
                predictBlock(image, output, block);
                computed++;
            }
            predictor.progress().report((double) (block.index() + 1) / blocks.size(),
                    block + " (" + (block.index() + 1) + "/" + blocks.size() + ")");
        }
        return computed;
    }

    /**
     * Computes {@code block} from {@code image} and writes its chunks (each atomically) into {@code output}.
     * Sections without a window (SKIP boundary) are NaN, as in {@link PredictedVolume}.
     *
     * @throws IllegalArgumentException if {@code output} does not have the image's shape or is not FLOAT32
     */
    public void predictBlock(Volume image, ZarrArray output, VolumeBlock block) throws IOException {
        VolumeShape shape = image.shape();
        if (!output.shape().equals(shape) || output.pixelType() != PixelType.FLOAT32) {
            throw new IllegalArgumentException("output " + output.dir() + " is a " + output.pixelType() + " array of "
                    + output.shape() + "; the prediction of " + image.source() + " needs FLOAT32 " + shape);
        }
        float[][] values = compute(FiniteVolume.of(image), block);
        int[] c = output.chunkShape();
        int bw = block.width();
        for (int cz = block.cz0(); cz < block.cz1(); cz++) {
            for (int cy = block.cy0(); cy < block.cy1(); cy++) {
                for (int cx = block.cx0(); cx < block.cx1(); cx++) {
                    float[] chunk = new float[output.chunkVoxels()];
                    for (int dz = 0; dz < c[0]; dz++) {
                        int z = cz * c[0] + dz;
                        if (z >= block.z1()) {
                            break;
                        }
                        for (int dy = 0; dy < c[1]; dy++) {
                            int y = cy * c[1] + dy;
                            if (y >= block.y1()) {
                                break;
                            }
                            int x0 = cx * c[2];
                            int len = Math.min(c[2], block.x1() - x0);
                            System.arraycopy(values[z - block.z0()], (y - block.y0()) * bw + x0 - block.x0(), chunk,
                                    (dz * c[1] + dy) * c[2], len);
                        }
                    }
                    output.writeChunk(cz, cy, cx, chunk);
                }
            }
        }
        blocksComputed++;
    }

    /** The block's probabilities, {@code [depth][height * width]}. */
    private float[][] compute(Volume image, VolumeBlock block) {
        VolumeShape shape = image.shape();
        StackWindower layout = new StackWindower(image, predictor.spec()); // the whole depth: boundary as one JVM
        Tiling whole = predictor.tiler().tile(shape.height(), shape.width());
        int th = whole.tileHeight();
        int tw = whole.tileWidth();
        List<Tile> touching = new ArrayList<>();
        int ry0 = Integer.MAX_VALUE;
        int rx0 = Integer.MAX_VALUE;
        int ry1 = 0;
        int rx1 = 0;
        for (Tile t : whole.tiles()) {
            if (t.y() < block.y1() && t.y() + th > block.y0() && t.x() < block.x1() && t.x() + tw > block.x0()) {
                touching.add(t);
                ry0 = Math.min(ry0, t.y());
                rx0 = Math.min(rx0, t.x());
                ry1 = Math.max(ry1, Math.min(shape.height(), t.y() + th));
                rx1 = Math.max(rx1, Math.min(shape.width(), t.x() + tw));
            }
        }
        int rh = ry1 - ry0;
        int rw = rx1 - rx0;
        List<Tile> shifted = new ArrayList<>(touching.size());
        for (Tile t : touching) {
            shifted.add(new Tile(t.y() - ry0, t.x() - rx0, th, tw));
        }
        Tiling region = new Tiling(rh, rw, th, tw, shifted);
        int classes = predictor.model().classes();
        TileBlender blender = new TileBlender(region, predictor.blend(), classes);
        Volume input = readInput(image, layout, block, ry0, rx0, rh, rw);
        StackWindower windower = new StackWindower(input, predictor.spec());

        int bh = block.height();
        int bw = block.width();
        int offset = predictor.outputClass() * rh * rw;
        float[][] out = new float[block.depth()][bh * bw];
        for (int z = block.z0(); z < block.z1(); z++) {
            float[] section = out[z - block.z0()];
            if (!layout.isCentre(z)) {
                Arrays.fill(section, Float.NaN);
                continue;
            }
            Window window = windower.window(z);
            float[] all = predictor.predictWindow(window, region, blender, ProgressSink.NONE);
            for (int y = block.y0(); y < block.y1(); y++) {
                System.arraycopy(all, offset + (y - ry0) * rw + block.x0() - rx0, section, (y - block.y0()) * bw, bw);
            }
            predictor.counters().addSection();
        }
        return out;
    }

    /**
     * Reads, in one slab, the image sections the block's windows use, transforms them as the predictor does
     * and crops them to the {@code rh x rw} region at ({@code ry0}, {@code rx0}); a view of the whole depth.
     */
    private Volume readInput(Volume image, StackWindower layout, VolumeBlock block, int ry0, int rx0, int rh, int rw) {
        VolumeShape shape = image.shape();
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int z = block.z0(); z < block.z1(); z++) {
            if (layout.isCentre(z)) {
                for (int s : layout.sourceSections(z)) {
                    if (s >= 0) {
                        first = Math.min(first, s);
                        last = Math.max(last, s);
                    }
                }
            }
        }
        VolumeShape cropped = new VolumeShape(shape.depth(), rh, rw);
        if (first > last) {
            return new HeldSections(image, cropped, 0, new float[0][]);
        }
        float[][] sections = image.readSlab(first, last + 1);
        float[][] crops = new float[sections.length][];
        for (int i = 0; i < sections.length; i++) {
            float[] full = predictor.sectionTransform().apply(sections[i]);
            if (full == null || full.length != shape.sectionSize()) {
                throw new IllegalStateException("section transform returned " + (full == null ? "null"
                        : full.length + " values") + " for section " + (first + i) + " of " + image.source()
                        + "; expected " + shape.sectionSize());
            }
            float[] crop = new float[rh * rw];
            for (int y = 0; y < rh; y++) {
                System.arraycopy(full, (ry0 + y) * shape.width() + rx0, crop, y * rw, rw);
            }
            crops[i] = crop;
        }
        return new HeldSections(image, cropped, first, crops);
    }

    @Override
    public String toString() {
        return "BlockwisePredictor[" + predictor + ", blocks of " + blockChunks[0] + " x " + blockChunks[1] + " x "
                + blockChunks[2] + " chunks]";
    }
}
