package org.emsym.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.model.ModelMetadata;
import org.emsym.engine.predict.BlockwisePredictor;
import org.emsym.engine.predict.VolumeBlock;
import org.emsym.engine.progress.ProgressSink;
import org.emsym.engine.volume.Normalizer;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.volume.io.ZarrFormat;
import org.emsym.engine.window.BlendMode;
import org.emsym.engine.window.BoundaryMode;

/**
 * Block-wise prediction of one volume on a Spark cluster, with the result of
 * {@link org.emsym.engine.predict.BlockwisePredictor} (and so of the one-JVM
 * {@link org.emsym.engine.predict.TiledVolumePredictor}). {@link #predict} runs on the driver: it reads the
 * bundle's metadata (not its weights), fits the input normalization over the whole volume, creates the output
 * array (metadata only; a rerun reopens it), plans the blocks and submits one task per block that is not
 * done. Executors compute the blocks ({@link BlockExecutor}); the driver receives only small results.
 *
 * <p>Rerunning the same job after a failure or a kill computes only the blocks with a missing chunk.
 */
public final class SparkBlockPredictor {

    private final Builder b;

    private SparkBlockPredictor(Builder b) {
        this.b = b;
    }

    /**
     * @param model a model bundle folder (from {@code emsym train} or {@code emsym pipeline})
     * @param input the image: a Zarr array, an OME-NGFF group, or any volume format the engine reads
     * @param output the FLOAT32 Zarr array of probabilities to create or to complete
     */
    public static Builder builder(Path model, Path input, Path output) {
        return new Builder(model, input, output);
    }

    /** Runs the job on {@code spark}; returns when every block is written. */
    public SparkPredictionResult predict(JavaSparkContext spark) throws IOException {
        return predict(spark, BlockFault.NONE);
    }

    /**
     * The driver's checks that need no Spark context: distinct paths, a readable bundle, an input that opens,
     * settings a predictor accepts. {@link #predict} runs them too; a launcher may call this first to fail
     * before starting Spark.
     *
     * @throws IOException or IllegalArgumentException naming the path or setting at fault
     */
    public void validate() throws IOException {
        check();
    }

    private record Checked(ModelMetadata meta, Volume image) {
    }

    private Checked check() throws IOException {
        Path out = b.output.toAbsolutePath().normalize();
        for (Path other : new Path[] {b.input, b.model}) {
            Path o = other.toAbsolutePath().normalize();
            if (out.startsWith(o) || o.startsWith(out)) {
                throw new IllegalArgumentException("output " + b.output + " must not be, contain or lie inside "
                        + other);
            }
        }
        ModelMetadata meta = ModelBundle.readMetadata(b.model);
        // settings the executors' predictors would reject: fail here, once, not in every task attempt
        int overlap = b.overlap < 0 ? b.tile / 8 : b.overlap;
        if (overlap >= b.tile) {
            throw new IllegalArgumentException("tile overlap " + overlap + " must be smaller than the tile " + b.tile);
        }
        if (b.outputClass >= meta.classes()) {
            throw new IllegalArgumentException("output class " + b.outputClass + " does not exist: model bundle "
                    + b.model + " has " + meta.classes() + " class(es)");
        }
        return new Checked(meta, VolumeReaders.open(b.input, b.level));
    }

    SparkPredictionResult predict(JavaSparkContext spark, BlockFault fault) throws IOException {
        Objects.requireNonNull(spark, "spark");
        Checked checked = check();
        ModelMetadata meta = checked.meta();
        Volume image = checked.image();
        Path out = b.output.toAbsolutePath().normalize();
        Normalizer normalizer = Normalizer.fit(image, meta.inputNormalization());
        ZarrArray output = BlockwisePredictor.openOrCreateOutput(b.output, image.shape(), b.chunks, b.codec,
                b.format);
        int[] perBlock = new int[3];
        for (int a = 0; a < 3; a++) {
            perBlock[a] = b.blockChunks[a] == 0 ? output.chunkCount(a) : b.blockChunks[a];
        }
        BlockJob job = new BlockJob(b.model.toAbsolutePath().toString(), meta.parametersSha256(),
                b.input.toAbsolutePath().toString(), b.level, out.toString(), meta.context(), b.boundary, b.tile, b.tile,
                b.overlap, b.blend, b.batch, b.ttaXy, b.ttaZ, b.outputClass, normalizer.spec().method(),
                normalizer.spec().lowPercentile(), normalizer.spec().highPercentile(), normalizer.offset(),
                normalizer.scale(), perBlock[0], perBlock[1], perBlock[2]);

        List<VolumeBlock> plan = BlockwisePredictor.plan(output, perBlock[0], perBlock[1], perBlock[2]);
        List<BlockTask> todo = new ArrayList<>();
        for (VolumeBlock block : plan) {
            if (!BlockwisePredictor.isDone(output, block)) {
                todo.add(BlockTask.of(block));
            }
        }
        int done = plan.size() - todo.size();
        if (todo.isEmpty()) {
            b.progress.report(1, "all " + plan.size() + " blocks of " + b.output + " already done");
            return new SparkPredictionResult(out.toString(), plan.size(), done, List.of(), 0);
        }
        AtomicInteger finished = new AtomicInteger();
        SparkListener listener = new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().successful()) {
                    int n = done + finished.incrementAndGet();
                    b.progress.report((double) n / plan.size(), n + "/" + plan.size() + " blocks");
                }
            }
        };
        spark.sc().addSparkListener(listener);
        long t0 = System.nanoTime();
        List<BlockResult> results;
        try {
            spark.setJobDescription("emsym predict " + todo.size() + " of " + plan.size() + " blocks into " + out);
            BlockFault f = fault;
            results = new ArrayList<>(spark.parallelize(todo, todo.size())
                    .map(task -> BlockExecutor.run(job, task, f)).collect());
        } finally {
            spark.sc().removeSparkListener(listener);
            spark.setJobDescription(null);
        }
        results.sort(Comparator.comparingInt(BlockResult::block));
        return new SparkPredictionResult(out.toString(), plan.size(), done, results, (System.nanoTime() - t0) / 1e9);
    }

    /** Settings of a {@link SparkBlockPredictor}; the defaults are those of {@code emsym predict}. */
    public static final class Builder {
        private final Path model;
        private final Path input;
        private final Path output;
        private String level;
        private int[] chunks = {8, 256, 256};
        private int[] blockChunks = {1, 0, 0};
        private ZarrArray.Codec codec = ZarrArray.Codec.ZLIB;
        private ZarrFormat format = ZarrFormat.V2;
        private BoundaryMode boundary = BoundaryMode.REFLECT;
        private int tile = 256;
        private int overlap = -1;
        private BlendMode blend = BlendMode.GAUSSIAN;
        private int batch = 4;
        private boolean ttaXy;
        private boolean ttaZ;
        private int outputClass = -1;
        private ProgressSink progress = ProgressSink.NONE;

        private Builder(Path model, Path input, Path output) {
            this.model = Objects.requireNonNull(model, "model");
            this.input = Objects.requireNonNull(input, "input");
            this.output = Objects.requireNonNull(output, "output");
        }

        /** NGFF scale level (or HDF5 dataset) of the input; default: the full resolution. */
        public Builder optLevel(String level) {
            this.level = level;
            return this;
        }

        /** Chunk shape (z, y, x) of a new output (default 8 x 256 x 256); a rerun must give the same. */
        public Builder optChunks(int z, int y, int x) {
            if (z <= 0 || y <= 0 || x <= 0) {
                throw new IllegalArgumentException("output chunks must be positive, got " + z + " x " + y + " x " + x);
            }
            this.chunks = new int[] {z, y, x};
            return this;
        }

        /**
         * Chunks per block (one Spark task) along z, y, x; 0 means the whole axis. Default 1 x 0 x 0: one chunk of
         * sections in whole sections, which computes no tile twice (blocks split in y or x recompute the tiles
         * that straddle them) but holds whole sections; split y and x for sections too large for a task.
         */
        public Builder optBlockChunks(int z, int y, int x) {
            if (z < 0 || y < 0 || x < 0) {
                throw new IllegalArgumentException("chunks per block must be >= 0 (0: whole axis), got " + z + " x "
                        + y + " x " + x);
            }
            this.blockChunks = new int[] {z, y, x};
            return this;
        }

        /** Compressor of new output chunks (default zlib). */
        public Builder optCodec(ZarrArray.Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** Zarr format of a new output (default v2); a rerun reopens an existing array of either format. */
        public Builder optFormat(ZarrFormat format) {
            this.format = Objects.requireNonNull(format, "format");
            return this;
        }

        public Builder optBoundary(BoundaryMode boundary) {
            this.boundary = Objects.requireNonNull(boundary, "boundary");
            return this;
        }

        /** Square tile edge (default 256; U-Nets need multiples of 32). */
        public Builder optTile(int pixels) {
            if (pixels <= 0) {
                throw new IllegalArgumentException("tile must be positive, got " + pixels);
            }
            this.tile = pixels;
            return this;
        }

        /** Tile overlap in pixels (default -1: tile / 8). */
        public Builder optOverlap(int pixels) {
            this.overlap = pixels;
            return this;
        }

        public Builder optBlend(BlendMode blend) {
            this.blend = Objects.requireNonNull(blend, "blend");
            return this;
        }

        public Builder optBatchSize(int tiles) {
            if (tiles <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got " + tiles);
            }
            this.batch = tiles;
            return this;
        }

        public Builder optAugmentation(boolean xyFlips, boolean zFlip) {
            this.ttaXy = xyFlips;
            this.ttaZ = zFlip;
            return this;
        }

        public Builder optOutputClass(int index) {
            this.outputClass = index;
            return this;
        }

        /** Receives one report per finished block, on the driver. */
        public Builder optProgress(ProgressSink progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public SparkBlockPredictor build() {
            return new SparkBlockPredictor(this);
        }
    }
}
