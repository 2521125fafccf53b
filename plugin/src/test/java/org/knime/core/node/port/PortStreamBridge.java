package org.knime.core.node.port;

import java.io.InputStream;
import java.io.OutputStream;

/** Test-only bridge: creates the port zip streams, which KNIME's framework alone may instantiate. */
public final class PortStreamBridge {

    private PortStreamBridge() {
    }

    public static PortObjectZipOutputStream objectOut(final OutputStream out) {
        return new PortObjectZipOutputStream(out);
    }

    public static PortObjectZipInputStream objectIn(final InputStream in) {
        return new PortObjectZipInputStream(in);
    }

    public static PortObjectSpecZipOutputStream specOut(final OutputStream out) {
        return new PortObjectSpecZipOutputStream(out);
    }

    public static PortObjectSpecZipInputStream specIn(final InputStream in) {
        return new PortObjectSpecZipInputStream(in);
    }
}
