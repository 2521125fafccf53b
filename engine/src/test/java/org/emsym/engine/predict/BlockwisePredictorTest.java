package org.emsym.engine.predict;

import static org.emsym.engine.testing.Differences.maxAbsDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.emsym.engine.model.UNet;
import org.emsym.engine.model.resnet.ResNetEncoder;
import org.emsym.engine.volume.ArrayVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.engine.volume.io.VolumeFormatException;
import org.emsym.engine.volume.io.VolumeReaders;
import org.emsym.engine.volume.io.ZarrArray;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block-wise prediction over a random-weight U-Net (its output depends on the tile's context, so block seams
 * and tile seams would show) equals the whole-volume prediction, and reruns compute only missing blocks.
 */
class BlockwisePredictorTest {

    /** 5 x 80 x 72: tiles of 32 overlapping by 8 give 3 x 3 tiles; chunks 2 x 16 x 16, blocks 1 x 2 x 2 chunks. */
    private static final VolumeShape SHAPE = new VolumeShape(5, 80, 72);
    private static final int[] CHUNKS = {2, 16, 16};

    @Test
    void blocksInAnyOrderEqualTheWholeVolumePredictionAndRerunsComputeOnlyMissingBlocks(@TempDir Path dir)
            throws IOException {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UNet net = UNet.builder().setEncoder(ResNetEncoder.resnet18(5)).optDecoderChannels(16, 16, 8, 8, 4)
                    .build();
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 5, 32, 32));
            try (BlockTileModel model = BlockTileModel.builder(net).manager(manager).classes(1).source("unet").build()) {
                ArrayVolume image = TiledVolumePredictorTest.randomVolume(SHAPE, 14);
                for (BoundaryMode boundary : new BoundaryMode[] {BoundaryMode.REFLECT, BoundaryMode.SKIP}) {
                    TiledVolumePredictor predictor = TiledVolumePredictor.builder(model, new WindowSpec(2, boundary))
                            .tileSize(32, 32).overlap(8).batchSize(3).build();
                    float[][] expected = predictor.probabilities(image).readSlab(0, SHAPE.depth());

                    Path out = dir.resolve(boundary.name().toLowerCase());
                    ZarrArray output = BlockwisePredictor.openOrCreateOutput(out, SHAPE, CHUNKS, ZarrArray.Codec.ZLIB);
                    BlockwisePredictor blockwise = new BlockwisePredictor(predictor, 1, 2, 2);
                    List<VolumeBlock> plan = blockwise.plan(output);
                    assertEquals(3 * 3 * 3, plan.size(), "z: 3 chunks, y: 5 chunks in 3 blocks, x: 5 in 3");
                    assertEveryChunkInExactlyOneBlock(output, plan);

                    List<VolumeBlock> reversed = new ArrayList<>(plan);
                    Collections.reverse(reversed);
                    for (VolumeBlock block : reversed) {
                        blockwise.predictBlock(image, output, block);
                    }
                    assertEquals(plan.size(), blockwise.blocksComputed());
                    double diff = maxAbsDiff(expected, read(out));
                    System.out.println("blockwise vs whole-volume (" + boundary + "): max abs diff " + diff);
                    assertTrue(diff <= 1e-5, boundary + ": max abs diff " + diff);

                    assertEquals(0, blockwise.predictMissing(image, output), "a complete output has nothing to do");
                    VolumeBlock victim = plan.get(13);
                    Files.delete(output.chunkPath(victim.cz0(), victim.cy0() + 1, victim.cx0()));
                    assertFalse(BlockwisePredictor.isDone(output, victim));
                    BlockwisePredictor rerun = new BlockwisePredictor(predictor, 1, 2, 2);
                    assertEquals(1, rerun.predictMissing(image, ZarrArray.open(out)), "only the block that lost a chunk");
                    assertEquals(1, rerun.blocksComputed());
                    assertTrue(maxAbsDiff(expected, read(out)) <= 1e-5, "rerun output still equal");
                }
            }
        }
    }

    @Test
    void aRerunIntoAnOutputOfAnotherShapeNamesTheOutput(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("p");
        BlockwisePredictor.openOrCreateOutput(out, SHAPE, CHUNKS, ZarrArray.Codec.RAW);
        VolumeFormatException e = assertThrows(VolumeFormatException.class,
                () -> BlockwisePredictor.openOrCreateOutput(out, SHAPE, new int[] {1, 16, 16}, ZarrArray.Codec.RAW));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("[1, 16, 16]"), e.getMessage());
    }

    private static void assertEveryChunkInExactlyOneBlock(ZarrArray output, List<VolumeBlock> plan) {
        int[][][] owners = new int[output.chunkCount(0)][output.chunkCount(1)][output.chunkCount(2)];
        for (VolumeBlock b : plan) {
            for (int cz = b.cz0(); cz < b.cz1(); cz++) {
                for (int cy = b.cy0(); cy < b.cy1(); cy++) {
                    for (int cx = b.cx0(); cx < b.cx1(); cx++) {
                        owners[cz][cy][cx]++;
                    }
                }
            }
        }
        for (int[][] plane : owners) {
            for (int[] row : plane) {
                for (int n : row) {
                    assertEquals(1, n, "blocks per chunk");
                }
            }
        }
    }

    private static float[][] read(Path zarr) throws IOException {
        Volume v = VolumeReaders.openAsStored(zarr, null); // SKIP sections are NaN by design
        assertEquals(SHAPE, v.shape());
        return v.readSlab(0, SHAPE.depth());
    }
}
