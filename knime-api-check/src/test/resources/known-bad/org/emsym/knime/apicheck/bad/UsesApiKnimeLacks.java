package org.emsym.knime.apicheck.bad;

// A plugin-style source that compiled against the stand-in but not against real KNIME: the class imported here
// is, in KNIME, the nested BooleanCell.BooleanCellFactory (the plugin's one real error before issue 13), and
// NodeModel.getNrInPorts() is protected in KNIME (the stand-in had it public). RealApiCompileTest expects
// exactly these two errors.

import org.knime.core.data.DataCell;
import org.knime.core.data.def.BooleanCellFactory;
import org.knime.core.node.NodeModel;

final class UsesApiKnimeLacks {

    private UsesApiKnimeLacks() {
    }

    static DataCell flag(final boolean value) {
        return BooleanCellFactory.create(value);
    }

    static int inputs(final NodeModel model) {
        return model.getNrInPorts();
    }
}
