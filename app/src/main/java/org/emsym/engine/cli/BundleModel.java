package org.emsym.engine.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.emsym.engine.model.ModelBundle;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.window.BoundaryMode;
import org.emsym.engine.window.WindowSpec;

/** A loaded model bundle with the window and tile model the prediction commands need. */
record BundleModel(ModelBundle bundle, WindowSpec window, BlockTileModel tileModel) {

    static BundleModel load(Path folder, NDManager manager, BoundaryMode boundary) throws IOException {
        ModelBundle bundle = ModelBundle.load(folder, manager);
        BlockTileModel model = BlockTileModel.builder(bundle.network()).manager(manager)
                .classes(bundle.metadata().classes()).source(folder.toString()).build();
        return new BundleModel(bundle, new WindowSpec(bundle.metadata().context(), boundary), model);
    }
}
