package org.knime.core.node;

import java.util.EventListener;

/** Stand-in for KNIME's listener of node model warnings; the stand-in declares none of its members. */
public interface NodeModelWarningListener extends EventListener {
}
