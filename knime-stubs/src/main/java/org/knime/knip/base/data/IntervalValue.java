package org.knime.knip.base.data;

import org.knime.core.data.DataValue;

/** Stand-in for KNIP's interface of cells with an interval; the stand-in declares none of its members. */
public interface IntervalValue extends DataValue {
}
