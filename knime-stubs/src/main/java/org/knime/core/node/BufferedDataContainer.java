package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/** Stand-in for KNIME's container that becomes a {@link BufferedDataTable}; created by the execution context. */
public class BufferedDataContainer extends DataContainer {

    BufferedDataContainer(final DataTableSpec spec) {
        super(spec);
    }

    @Override
    public BufferedDataTable getTable() {
        List<DataRow> rows = new ArrayList<>();
        super.getTable().forEach(rows::add);
        return new BufferedDataTable(getTableSpec(), rows);
    }
}
